/** What JSON bodies read back as: whatever `JSON.parse` makes of them. */
export type JsonBody = ReturnType<typeof JSON.parse>;

export interface JsonCallOptions {
  /** Sent as JSON; a string is sent as written (e.g. malformed JSON). */
  body?: unknown;
  /** Sent as `authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `x-tenant-id`. */
  tenant?: string;
  /** Sent as `idempotency-key`. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export interface JsonAnswer<T> {
  status: number;
  headers: Headers;
  /** The JSON body; the text when it is not JSON; undefined when empty. */
  body: T;
}

/** Hands a request to the service under test: its `app.handle` (no port) or `fetch` (a server). */
export type Send = (request: Request) => Response | Promise<Response>;

export type JsonCall = <T = JsonBody>(
  method: string,
  path: string,
  options?: JsonCallOptions,
) => Promise<JsonAnswer<T>>;

/** JSON calls to one service at `baseUrl`, as its clients make them. */
export function jsonClient(send: Send, baseUrl: string): JsonCall {
  return async (method, path, options = {}) => {
    const headers = new Headers(options.headers);
    if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
    if (options.tenant !== undefined) headers.set("x-tenant-id", options.tenant);
    if (options.idempotencyKey !== undefined) {
      headers.set("idempotency-key", options.idempotencyKey);
    }
    const { body } = options;
    if (body !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    const response = await send(
      new Request(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined || typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parsed(text) };
  };
}

function parsed(text: string): JsonBody {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
