/**
 * Elysia rejects unknown fields only at the top level of a body (with `normalize: false`); a
 * nested object accepts anything unless its schema says otherwise. Build request models with
 * `strictObject` so no level allows mass assignment.
 */
import type { ObjectOptions, TProperties } from "@sinclair/typebox";
import { t } from "elysia";

/** `t.Object` that rejects properties it does not name. */
export const strictObject = <T extends TProperties>(properties: T, options?: ObjectOptions) =>
  t.Object(properties, { ...options, additionalProperties: false });
