/**
 * The one mapping from AppError to ConnectError (the RPC twin of `http/problem.ts`), applied by
 * `errorInterceptor` so handlers just throw AppError. The AppError's code travels in the
 * `questline-error-code` metadata; unexpected errors become a bare Internal that reveals nothing.
 */
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { type ErrorKind, isAppError } from "../errors";
import type { Logger } from "../logger";

export const ERROR_CODE_HEADER = "questline-error-code";
/** Seconds to wait before retrying (rate limits), as HTTP's header says it. */
const RETRY_AFTER_HEADER = "retry-after";

const codeOf: Record<ErrorKind, Code> = {
  unauthenticated: Code.Unauthenticated,
  forbidden: Code.PermissionDenied,
  not_found: Code.NotFound,
  validation: Code.InvalidArgument,
  bad_request: Code.InvalidArgument,
  conflict: Code.FailedPrecondition,
  rate_limited: Code.ResourceExhausted,
  unavailable: Code.Unavailable,
  timeout: Code.DeadlineExceeded,
  // gRPC itself answers a message over the size limit with ResourceExhausted.
  payload_too_large: Code.ResourceExhausted,
  unsupported_media_type: Code.InvalidArgument,
  internal: Code.Internal,
};

/** The ConnectError a thrown value stands for; `undefined` when it is unexpected (a bug). */
export function asConnectError(error: unknown): ConnectError | undefined {
  if (isAppError(error)) {
    const metadata = new Headers({ [ERROR_CODE_HEADER]: error.code });
    if (error.retryAfter !== undefined) {
      metadata.set(RETRY_AFTER_HEADER, String(Math.ceil(error.retryAfter)));
    }
    return new ConnectError(error.detail, codeOf[error.kind], metadata, undefined, error);
  }
  if (error instanceof ConnectError) return error;
  return undefined;
}

function mapError(
  error: unknown,
  logger: Logger,
  procedure: string,
  signal: AbortSignal,
): ConnectError {
  const mapped = asConnectError(error);
  if (mapped !== undefined) return mapped;
  // The client went away (a closed stream, a deadline): nothing failed on our side.
  if (signal.aborted) return new ConnectError("The call was cancelled", Code.Canceled);
  logger.error("unexpected rpc error", { procedure, error });
  const metadata = new Headers({ [ERROR_CODE_HEADER]: "internal" });
  return new ConnectError("Something went wrong on our side", Code.Internal, metadata);
}

async function* mapStreamErrors<T>(
  messages: AsyncIterable<T>,
  logger: Logger,
  procedure: string,
  signal: AbortSignal,
): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (error) {
    throw mapError(error, logger, procedure, signal);
  }
}

/** Maps every error a handler (or a later interceptor) throws, in unary calls and in streams. */
export function errorInterceptor(logger: Logger): Interceptor {
  return (next) => async (request) => {
    const procedure = request.method.name;
    try {
      const response = await next(request);
      if (!response.stream) return response;
      return {
        ...response,
        message: mapStreamErrors(response.message, logger, procedure, request.signal),
      };
    } catch (error) {
      throw mapError(error, logger, procedure, request.signal);
    }
  };
}
