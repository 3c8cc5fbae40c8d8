import type { PeerSource } from "@questline/kit/http/client-address";
import { requestIdOf } from "@questline/kit/http/request-scope";
import type { Counter } from "@questline/kit/metrics";
import type { RateLimiter } from "../rate-limit/rate-limiter";
import { type ForwardTarget, forward } from "./forward";

/** What the gateway's HTTP server offers a handler: the peer's address and per-request timeouts. */
export interface ProxyServer extends PeerSource {
  timeout(request: Request, seconds: number): void;
}

/** The part of Elysia's context a proxy handler uses (the kit's app put the request id in `set`). */
export interface ProxyContext {
  request: Request;
  /** The path the router matched: what is forwarded, so routing and forwarding always agree. */
  path: string;
  server: ProxyServer | null;
  set: { status?: number | string; headers: Record<string, unknown> };
}

export interface ProxyDeps {
  limiter: RateLimiter;
  clientAddress: (request: Request, server: PeerSource | null) => string;
  maxBodyBytes: number;
  timeoutMs: number;
  answers: Counter;
}

/** Bun cuts a connection idle for 10 s by default: give unary calls their deadline plus a second. */
const idleSecondsFor = (timeoutMs: number) => Math.min(255, Math.ceil(timeoutMs / 1000) + 1);

/** Runs one request through the rate limit and on to `target`, and passes the answer back. */
export async function proxy(
  deps: ProxyDeps,
  context: ProxyContext,
  target: ForwardTarget,
): Promise<Response> {
  const { request, server } = context;
  const clientAddress = deps.clientAddress(request, server);
  await deps.limiter.admit(request, clientAddress);
  server?.timeout(request, target.streaming ? 0 : idleSecondsFor(deps.timeoutMs));
  const response = await forward(
    request,
    { ...target, path: target.path ?? context.path },
    {
      requestId: requestIdOf(context.set) ?? crypto.randomUUID(),
      clientAddress,
      maxBodyBytes: deps.maxBodyBytes,
      timeoutMs: deps.timeoutMs,
    },
  );
  deps.answers.inc({ upstream: target.name, status: response.status });
  context.set.status = response.status;
  return response;
}
