/**
 * The one reader of JSON request bodies, for every service: Elysia's own parser reads any size,
 * any depth (5,000 nested arrays overflowed the validator's stack: a 500) and keeps `__proto__`
 * keys that the validator then drops. Here a body is refused before validation when it is larger
 * than the limit (413, checked against `content-length` before reading and counted while
 * reading), nests deeper than `MAX_JSON_DEPTH` (422 `json_too_deep`), names a key that means
 * something to JavaScript objects (422 `forbidden_key`), or holds a U+0000 in a string (422
 * `nul_character`: Postgres text and jsonb cannot keep one, so it would fail later, as a 500). The
 * REST API speaks JSON only: another media type is a 415.
 */
import { AppError, invalid } from "../errors";

/** The deepest nesting a request body may have; the deepest model (quest rewards) needs 3. */
export const MAX_JSON_DEPTH = 32;
/** Keys refused at any depth: they reach object prototypes in careless code. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);
/** The default body limit of every service (`MAX_BODY_BYTES`), like the gateway's. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const bodyTooLarge = (maxBytes: number) =>
  new AppError(
    "payload_too_large",
    "body_too_large",
    `The request body is larger than ${maxBytes} bytes`,
  );

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when `text` (JSON or not) opens more than `max` arrays/objects at once, outside strings. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth--;
  }
  return false;
}

/** The path of the first forbidden key in a parsed value (`a/0/__proto__`), if any. */
export function forbiddenKeyPath(value: unknown, path = ""): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = forbiddenKeyPath(value[index], `${path}${index}/`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path}${key}`;
    const found = forbiddenKeyPath((value as Record<string, unknown>)[key], `${path}${key}/`);
    if (found !== undefined) return found;
  }
  return undefined;
}

// Only a body that spells one of the keys (or escapes characters) can hold one: most skip the walk.
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;

/** The path of the first string (key or value) holding U+0000, if any. */
export function nulStringPath(value: unknown, path = ""): string | undefined {
  if (typeof value === "string")
    return value.includes("\u0000") ? path.replace(/\/$/, "") : undefined;
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = nulStringPath(value[index], `${path}${index}/`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return `${path}${key.replaceAll("\u0000", "\\u0000")}`;
    const found = nulStringPath(item, `${path}${key}/`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Parses a JSON body by the rules of the file comment; an empty body is `null`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return null;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw invalid(
      "",
      `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`,
      "json_too_deep",
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "malformed_json", "The request body is not valid JSON");
  }
  if (MAY_HOLD_FORBIDDEN_KEY.test(text)) {
    const path = forbiddenKeyPath(value);
    if (path !== undefined) {
      throw invalid(path, `The key "${path.split("/").at(-1)}" is not allowed`, "forbidden_key");
    }
    const nul = text.includes("\\u0000") ? nulStringPath(value) : undefined;
    if (nul !== undefined) {
      throw invalid(nul, "Strings may not contain the character U+0000", "nul_character");
    }
  }
  return value;
}

/** The body as text, refused with 413 past `maxBytes` (declared or counted), never buffered whole. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
    // The runtime stops at the declared length, so the native read is bounded.
    return request.text();
  }
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** `application/json` and `application/<anything>+json`, parameters ignored. */
export const isJsonMediaType = (contentType: string): boolean => {
  const type = contentType.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
};

/** 415 for a body that is not JSON; `contentType` undefined when the request named none. */
export const unsupportedMediaType = (contentType: string | undefined) =>
  new AppError(
    "unsupported_media_type",
    "unsupported_media_type",
    contentType === undefined
      ? "A request body needs content-type: application/json"
      : `Request bodies are JSON (application/json), not ${contentType.split(";", 1)[0]}`,
  );
