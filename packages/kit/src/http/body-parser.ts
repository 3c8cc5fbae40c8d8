/**
 * The JSON reader of `json-body.ts` as an Elysia parse hook for the routes that take a body:
 * `{ body: schema, parse: jsonBody }`. Per route, not global: Elysia compiles every route that a
 * parse hook reaches as async, and the bodiless reads (a cached quest, progress) are the hot paths
 * that stay synchronous. `json-bodies.test.ts` in each service checks that every route with a
 * body schema reads it here. The limit is the app's `MAX_BODY_BYTES` (`withBodyLimit`).
 */
import type { AnyElysia } from "elysia";
import {
  DEFAULT_MAX_BODY_BYTES,
  isJsonMediaType,
  parseJsonBody,
  readBodyText,
  unsupportedMediaType,
} from "./json-body";

const BODY_LIMIT = "questline.maxBodyBytes";

/** Records the app's body limit where `jsonBody` finds it (`createServiceApp` does this). */
export function withBodyLimit<App extends AnyElysia>(app: App, maxBytes: number): App {
  (app.store as Record<string, unknown>)[BODY_LIMIT] = maxBytes;
  return app;
}

interface ParseContext {
  request: Request;
  store: unknown;
}

/** The parse hook: a JSON body within the limit and the rules of `json-body.ts`, or a 4xx. */
export async function jsonBody(context: ParseContext, contentType: string): Promise<unknown> {
  const { request } = context;
  const limit = (context.store as Record<string, unknown>)[BODY_LIMIT];
  const maxBytes = typeof limit === "number" ? limit : DEFAULT_MAX_BODY_BYTES;
  if (!contentType) {
    // A body without a content type is accepted only when it is empty (a bodyless POST).
    const text = request.body === null ? "" : await readBodyText(request, maxBytes);
    if (text.trim() === "") return null;
    throw unsupportedMediaType(undefined);
  }
  if (!isJsonMediaType(contentType)) throw unsupportedMediaType(contentType);
  return parseJsonBody(await readBodyText(request, maxBytes));
}
