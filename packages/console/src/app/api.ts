/**
 * REST calls through the page's own origin (the gateway). Failures become `ApiError` with the
 * problem+json fields the server sent (docs/reference/errors.md), so views can show `detail` and
 * point at `field`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

export interface ApiRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  /** An access token for the `authorization` header. */
  token?: string;
  /** Calls without a token name their tenant (signup, signin, refresh, signout). */
  tenant?: string;
  headers?: Record<string, string>;
}

/** Sends one REST call and returns its JSON body (undefined for 204). */
export async function callApi<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers = new Headers(request.headers);
  headers.set("accept", "application/json, application/problem+json");
  if (request.token !== undefined) headers.set("authorization", `Bearer ${request.token}`);
  if (request.tenant !== undefined) headers.set("x-tenant-id", request.tenant);
  if (request.body !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(path, {
    method: request.method ?? (request.body === undefined ? "GET" : "POST"),
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  try {
    const problem = (await response.json()) as Record<string, unknown>;
    const text = (key: string) => (typeof problem[key] === "string" ? problem[key] : undefined);
    return new ApiError(
      response.status,
      text("code") ?? "http_error",
      text("detail") ?? text("title") ?? fallback,
      text("field"),
    );
  } catch {
    return new ApiError(response.status, "http_error", fallback);
  }
}

/** A fresh key for a write that may be retried (claims, tracked actions). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
