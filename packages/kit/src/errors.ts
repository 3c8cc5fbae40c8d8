/**
 * The one error type of Questline. Application and edge code throw `AppError`; each edge (REST,
 * RPC) maps it once: to problem+json in `http/problem.ts`, to a ConnectError in `rpc/errors.ts`.
 * A pure domain keeps its own refusals without a status (processing's `domain/refusals.ts`) and
 * its application service turns them into `AppError`.
 */
export type ErrorKind =
  | "bad_request"
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "internal";

const statusOf: Record<ErrorKind, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

const titleOf: Record<ErrorKind, string> = {
  bad_request: "Bad request",
  validation: "Validation failed",
  unauthenticated: "Unauthenticated",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  unavailable: "Service unavailable",
  timeout: "Gateway timeout",
  internal: "Internal error",
};

export interface AppErrorOptions {
  /** The request field at fault, as a JSON pointer-ish path (`rewards/0/qty`). */
  field?: string;
  /** Seconds a client should wait before retrying (rate limits, lockouts). */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = "AppError";
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    readonly kind: ErrorKind,
    /** Stable machine code, e.g. `not_completed`, `invalid_token`. */
    readonly code: string,
    /** Human explanation for this occurrence. */
    readonly detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return statusOf[this.kind];
  }

  get title(): string {
    return titleOf[this.kind];
  }
}

export const badRequest = (code: string, detail: string) =>
  new AppError("bad_request", code, detail);
export const invalid = (field: string, detail: string, code = "invalid_field") =>
  new AppError("validation", code, detail, { field });
export const unauthenticated = (
  detail = "A valid access token is required",
  code = "invalid_token",
) => new AppError("unauthenticated", code, detail);
export const forbidden = (detail: string, code = "forbidden") =>
  new AppError("forbidden", code, detail);
export const notFound = (code: string, detail: string) => new AppError("not_found", code, detail);
export const conflict = (code: string, detail: string) => new AppError("conflict", code, detail);
export const rateLimited = (
  retryAfter: number,
  detail = "Too many requests",
  code = "rate_limited",
) => new AppError("rate_limited", code, detail, { retryAfter });
export const unavailable = (code: string, detail: string, cause?: unknown) =>
  new AppError("unavailable", code, detail, { cause });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
