/**
 * Per-request bookkeeping shared by the hooks of `createServiceApp`: the request id, the child
 * logger and when it started.
 */
import type { Logger } from "../logger";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestScope {
  requestId: string;
  log: Logger;
  startedAt: number;
}

/** A request's id inside a handler: the service app put it in the response's `x-request-id`. */
export function requestIdOf(set: { headers: Record<string, unknown> }): string | null {
  const id = set.headers["x-request-id"];
  return typeof id === "string" ? id : null;
}

/** The caller's `x-request-id` when it is safe to echo and log, else a fresh UUID. */
export function requestIdFor(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming !== null && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
}

/** A request's scope; its logger is made when first used (most requests never log a line). */
class Scope implements RequestScope {
  readonly startedAt = performance.now();
  #log: Logger | undefined;

  constructor(
    readonly requestId: string,
    private readonly logger: Logger,
  ) {}

  get log(): Logger {
    this.#log ??= this.logger.child({ request_id: this.requestId });
    return this.#log;
  }
}

/** Scopes keyed by the request object; entries vanish with their request. */
export function requestScopes(logger: Logger) {
  const scopes = new WeakMap<Request, RequestScope>();
  return {
    open(request: Request): RequestScope {
      const scope = new Scope(requestIdFor(request.headers), logger);
      scopes.set(request, scope);
      return scope;
    },
    /** The scope of a request, opening one if a hook runs before `onRequest` did. */
    of(request: Request): RequestScope {
      return scopes.get(request) ?? this.open(request);
    },
  };
}
