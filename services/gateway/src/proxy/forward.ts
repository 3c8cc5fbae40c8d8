/**
 * Sends one client request to its upstream and hands the answer back as it arrives: bodies are
 * streamed both ways, never buffered. The upstream must start answering within `timeoutMs` (504
 * otherwise); after that the body flows without a deadline.
 */
import { AppError, isAppError, unavailable } from "@questline/kit/errors";
import { bodyTooLarge } from "@questline/kit/http/json-body";
import { passthroughFetch } from "@questline/kit/runtime/passthrough-fetch";
import { checkDeclaredLength, limitedBody } from "./body-limit";
import { clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers";

export interface ForwardTarget {
  /** The upstream's name, for messages. */
  name: string;
  /** Base URL; the request's path and query are appended. */
  baseUrl: string;
  /** The path to ask the upstream for (the routed path, or another one for the docs). */
  path?: string;
  /** A server stream: its own connection pool and no deadline at all (`stream-forward.ts`). */
  streaming: boolean;
}

export interface ForwardContext {
  requestId: string;
  clientAddress: string;
  maxBodyBytes: number;
  timeoutMs: number;
}

const upstreamTimeout = (name: string) =>
  new AppError("timeout", "upstream_timeout", `The ${name} service did not answer in time`);

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD"]);

/** The request's body, bounded by `maxBodyBytes` (413 from its declared length, or as it flows). */
export function requestBody(request: Request, context: ForwardContext, onExceeded: () => void) {
  if (request.body === null || METHODS_WITHOUT_BODY.has(request.method)) return undefined;
  checkDeclaredLength(request.headers, context.maxBodyBytes);
  return limitedBody(request.body, context.maxBodyBytes, onExceeded);
}

/**
 * The upstream's answer to a unary call as a Response for the client; AppErrors for 413, 503 and
 * 504. Server streams go through `stream-forward.ts` instead.
 */
export async function forward(
  request: Request,
  target: ForwardTarget & { path: string },
  context: ForwardContext,
): Promise<Response> {
  let tooLarge = false;
  const body = requestBody(request, context, () => {
    tooLarge = true;
  });
  const url = new URL(request.url);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(upstreamTimeout(target.name)), context.timeoutMs);
  try {
    const upstream = await passthroughFetch(
      `${target.baseUrl}${target.path}${url.search}`,
      {
        method: request.method,
        headers: upstreamRequestHeaders(request, context),
        body,
        redirect: "manual",
        signal: AbortSignal.any([request.signal, deadline.signal]),
      },
      // Server streams go through `stream-forward.ts`: this one always has a deadline.
      { streaming: false },
    );
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: clientResponseHeaders(upstream.headers),
    });
  } catch (error) {
    if (tooLarge) throw bodyTooLarge(context.maxBodyBytes);
    if (request.signal.aborted) {
      throw new AppError("bad_request", "client_closed_request", "The client went away");
    }
    if (deadline.signal.aborted) throw upstreamTimeout(target.name);
    if (isAppError(error)) throw error;
    throw unavailable("upstream_unavailable", `The ${target.name} service is not reachable`, error);
  } finally {
    clearTimeout(timer);
  }
}
