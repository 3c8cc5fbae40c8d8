import { rateLimited } from "@questline/kit/errors";
import {
  type ClientAddressResolver,
  type PeerSource,
  socketAddress,
} from "@questline/kit/http/client-address";
import { requestIdOf } from "@questline/kit/http/request-scope";
import type { Counter } from "@questline/kit/metrics";
import type { Principal } from "@questline/kit/principal";
import {
  principalKeyOf,
  STREAM_RETRY_AFTER_SECONDS,
  type StreamSlots,
  streamRefusalDetail,
} from "@questline/kit/streams/stream-slots";
import type { RateLimiter } from "../rate-limit/rate-limiter";
import { type ForwardContext, type ForwardTarget, forward, requestBody } from "./forward";
import { forwardStream } from "./stream-forward";

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
  /** Open server streams per user, per address and in all (a stream past one is a 429 at once). */
  streams: StreamSlots;
  streamsRefused: Counter;
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
  const caller = await deps.limiter.admit(request, clientAddress);
  const routed = { ...target, path: target.path ?? context.path };
  const forwarding: ForwardContext = {
    requestId: requestIdOf(context.set) ?? crypto.randomUUID(),
    clientAddress,
    maxBodyBytes: deps.maxBodyBytes,
    timeoutMs: deps.timeoutMs,
  };
  let response: Response;
  if (target.streaming) {
    const release = admitStream(deps, caller, clientAddress);
    server?.timeout(request, 0);
    try {
      const body = requestBody(request, forwarding, () => undefined);
      response = await forwardStream(request, routed, { ...forwarding, body }, release);
    } catch (error) {
      release();
      throw error;
    }
  } else {
    server?.timeout(request, idleSecondsFor(deps.timeoutMs));
    response = await forward(request, routed, forwarding);
  }
  deps.answers.inc({ upstream: target.name, status: response.status });
  context.set.status = response.status;
  return response;
}

/** A slot for one more open stream of this caller and address; 429 at once when none is left. */
function admitStream(deps: ProxyDeps, caller: Principal | undefined, address: string) {
  const admission = deps.streams.admit({
    principal: caller && principalKeyOf(caller),
    address,
  });
  if (admission.admitted) return admission.release;
  deps.streamsRefused.inc({ scope: admission.scope });
  throw rateLimited(
    STREAM_RETRY_AFTER_SECONDS,
    streamRefusalDetail(admission.scope, admission.limit),
    "too_many_streams",
  );
}
