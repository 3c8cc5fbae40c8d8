/**
 * Which routes of an app take a body without reading it through the kit's `jsonBody` (size, depth,
 * key and character limits): each one would let Elysia's own parser read any body, of any size
 * and depth, and a deep one used to overflow the validator (a 500).
 */
import type { AnyElysia } from "elysia";
import { jsonBody } from "../http/body-parser";

interface RouteHooks {
  body?: unknown;
  parse?: ({ fn?: unknown } | unknown)[];
}

const fnOf = (hook: unknown) =>
  typeof hook === "object" && hook !== null && "fn" in hook ? hook.fn : hook;

/** `METHOD path` of every route with a body schema whose one parse hook is not `jsonBody`. */
export function routesNotReadingJson(app: AnyElysia): string[] {
  return app.routes
    .filter((route) => {
      const hooks = (route.hooks ?? {}) as RouteHooks;
      if (hooks.body === undefined) return false;
      const parse = hooks.parse ?? [];
      return parse.length !== 1 || fnOf(parse[0]) !== jsonBody;
    })
    .map((route) => `${route.method} ${route.path}`);
}
