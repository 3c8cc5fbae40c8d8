/**
 * Forwards a server stream (`WatchQuests`) on a connection pool of its own. Bun's `fetch` keeps at
 * most 256 requests in flight per process (`BUN_CONFIG_MAX_HTTP_REQUESTS`), and a stream holds its
 * request for as long as it is open: ~256 open streams made every unary request wait for the 10 s
 * deadline (504). Streams therefore go through `node:http`, whose pool is separate and unbounded,
 * and `fetch` keeps every one of its slots for unary requests. How many streams may be open is the
 * gateway's stream limits' business (`proxy-handler.ts`).
 */
import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { AppError, unavailable } from "@questline/kit/errors";
import type { ForwardContext, ForwardTarget } from "./forward";
import { clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers";

const agents = {
  "http:": new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }),
};

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** The upstream's answer as a web stream that follows the client's pace (pausing the socket). */
function bodyOf(message: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      message.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) message.pause();
      });
      message.on("end", () => controller.close());
      message.on("error", (error) => controller.error(error));
    },
    pull() {
      message.resume();
    },
    cancel() {
      message.destroy();
    },
  });
}

async function pump(body: ReadableStream<Uint8Array>, into: ReturnType<typeof httpRequest>) {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!into.write(value)) await new Promise((resolve) => into.once("drain", resolve));
  }
  into.end();
}

/**
 * The upstream's answer to a streaming call; `onClosed` runs once the exchange is over, however
 * it ends (the upstream finished, either side went away, or it never answered).
 */
export function forwardStream(
  request: Request,
  target: ForwardTarget & { path: string },
  context: ForwardContext & { body: ReadableStream<Uint8Array> | undefined },
  onClosed: () => void,
): Promise<Response> {
  const url = new URL(`${target.baseUrl}${target.path}${new URL(request.url).search}`);
  const secure = url.protocol === "https:";
  const headers: Record<string, string> = {};
  upstreamRequestHeaders(request, context).forEach((value, name) => {
    headers[name] = value;
  });
  return new Promise((resolve, reject) => {
    const upstream = (secure ? httpsRequest : httpRequest)(url, {
      method: request.method,
      headers,
      agent: secure ? agents["https:"] : agents["http:"],
    });
    upstream.once("close", onClosed);
    const abandon = () => upstream.destroy();
    request.signal.addEventListener("abort", abandon, { once: true });
    upstream.once("response", (message) => {
      resolve(
        new Response(bodyOf(message), {
          status: message.statusCode ?? 502,
          statusText: message.statusMessage,
          headers: clientResponseHeaders(headersOf(message)),
        }),
      );
    });
    upstream.once("error", (error) => {
      if (request.signal.aborted) {
        reject(new AppError("bad_request", "client_closed_request", "The client went away"));
      } else if (error instanceof AppError) reject(error);
      else
        reject(
          unavailable("upstream_unavailable", `The ${target.name} service is not reachable`, error),
        );
    });
    if (context.body === undefined) upstream.end();
    else pump(context.body, upstream).catch((error: unknown) => upstream.destroy(error as Error));
  });
}
