import {
  type ClientAddressResolver,
  type PeerSource,
  socketAddress,
} from "@questline/kit/http/client-address";
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
  server: ProxyServer | null;
  set: { status?: number | string; headers: Record<string, unknown> };
}

export interface ProxyDeps {
  limiter: RateLimiter;
  clientAddress: ClientAddressResolver;
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
  const clientAddress = deps.clientAddress(socketAddress(request, server), request.headers);
  await deps.limiter.admit(request, clientAddress);
  server?.timeout(request, target.streaming ? 0 : idleSecondsFor(deps.timeoutMs));
  const response = await forward(request, target, {
    requestId: requestIdOf(context.set) ?? crypto.randomUUID(),
    clientAddress,
    maxBodyBytes: deps.maxBodyBytes,
    timeoutMs: deps.timeoutMs,
  });
  deps.answers.inc({ upstream: target.name, status: response.status });
  context.set.status = response.status;
  return response;
}
