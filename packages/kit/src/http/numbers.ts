/**
 * Integers in request models, strict: Elysia's `t.Integer` is a union with a string it converts
 * with `+value`, so `"0x10"` became 16 and `"1e3"` 1000. Bodies use `integer` (JSON numbers only);
 * paths and queries, which are text, use `decimal` (canonical decimal digits only). Both need a
 * maximum, so no value is beyond what the database column and the proto field hold, and none is
 * an unsafe integer (9007199254740993 parses as …992: refused by any maximum below 2^53).
 */
import { type IntegerOptions, type TInteger, Type } from "@sinclair/typebox";
import { invalid } from "../errors";

/** The range of a proto `int32` and a Postgres `integer`. */
export const INT32_MAX = 2_147_483_647;
/** Ids held in a Postgres `bigint` and a proto `int64`, but read as JSON numbers: 2^53 - 1. */
export const ID_MAX = Number.MAX_SAFE_INTEGER;

type Bounds = { minimum: number; maximum: number };

/** A JSON integer from `minimum` to `maximum`; a string is refused, whatever it spells. */
export const integer = (bounds: Bounds & Omit<IntegerOptions, keyof Bounds>) =>
  Type.Integer(bounds);

const DIGITS = "^(0|[1-9][0-9]{0,15})$";

/**
 * An integer written in a path or query as canonical decimal digits (`12`, not `012`, `0x1`,
 * `1e0` or ` 1`), handed to the handler as a number. `name` is the parameter, for the 422.
 */
export const decimal = (
  name: string,
  bounds: Bounds & { description?: string; default?: number },
) =>
  Type.Transform(
    Type.String({
      pattern: DIGITS,
      description: bounds.description,
      default: bounds.default === undefined ? undefined : String(bounds.default),
    }),
  )
    .Decode((text) => {
      const value = Number(text);
      if (value < bounds.minimum || value > bounds.maximum) {
        throw invalid(name, `${name} must be from ${bounds.minimum} to ${bounds.maximum}`);
      }
      return value;
    })
    .Encode((value) => String(value)) as unknown as TInteger;
// The cast: Elysia types a route's params with a schema's `static`, which for a transform is the
// text on the wire; handlers get the decoded number, as `TInteger` says.
