/**
 * Installs the JSON reader of `json-body.ts` as the app's body parser. Routes whose handlers read
 * the raw request themselves (RPC, the gateway's proxy) register with `rawBodyRoute`: Elysia runs
 * a global parse hook for every route, `parse: "none"` included, so the hook must step aside.
 */
import { type AnyElysia, Elysia } from "elysia";
import { isJsonMediaType, parseJsonBody, readBodyText, unsupportedMediaType } from "./json-body";

const RAW_ROUTES = "questline.rawBodyRoutes";
/** What the parser answers for a raw route: the body stays unread for the handler. */
const UNREAD = Symbol("unread body");

type RawRoutes = Set<string>;

function rawRoutesOf(store: Record<string, unknown>): RawRoutes {
  let routes = store[RAW_ROUTES] as RawRoutes | undefined;
  if (routes === undefined) {
    routes = new Set();
    store[RAW_ROUTES] = routes;
  }
  return routes;
}

/** Marks `path` (as registered, e.g. `/api/v1/quest/*`) as reading its own body. */
export function rawBodyRoute(app: AnyElysia, path: string): void {
  rawRoutesOf(app.store as Record<string, unknown>).add(path);
}

/** The parser plugin; `maxBytes` bounds every body (413 past it). */
export function jsonBodyParser(maxBytes: number) {
  return new Elysia({ name: "questline.json-body" }).onParse(
    { as: "global" },
    async ({ request, route, store, contentType }) => {
      if (rawRoutesOf(store as Record<string, unknown>).has(route)) return UNREAD;
      if (!contentType) return request.body === null ? null : unsupportedOrEmpty(request, maxBytes);
      if (!isJsonMediaType(contentType)) throw unsupportedMediaType(contentType);
      return parseJsonBody(await readBodyText(request, maxBytes));
    },
  );
}

/** A body without a content type is accepted only when it is empty (a bodyless POST). */
async function unsupportedOrEmpty(request: Request, maxBytes: number): Promise<null> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return null;
  throw unsupportedMediaType(undefined);
}
