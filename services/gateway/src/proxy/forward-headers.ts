/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

function withoutHopByHop(source: Headers): Headers {
  const headers = new Headers(source);
  const named = source.get("connection")?.split(",") ?? [];
  for (const name of [...HOP_BY_HOP, ...named.map((one) => one.trim().toLowerCase())]) {
    if (name) headers.delete(name);
  }
  return headers;
}

/**
 * The headers an upstream gets: the client's, minus hop-by-hop ones, plus the request id and the
 * client's address appended to `x-forwarded-for` (services that trust the gateway read the last
 * entry, the one the gateway wrote).
 */
export function upstreamRequestHeaders(
  request: Request,
  context: { requestId: string; clientAddress: string },
): Headers {
  const headers = withoutHopByHop(request.headers);
  headers.delete("host");
  headers.set("x-request-id", context.requestId);
  const forwarded = request.headers.get("x-forwarded-for");
  headers.set(
    "x-forwarded-for",
    forwarded ? `${forwarded}, ${context.clientAddress}` : context.clientAddress,
  );
  const url = new URL(request.url);
  headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
  headers.set("x-forwarded-host", request.headers.get("host") ?? url.host);
  return headers;
}

/** The headers the client gets back from an upstream answer. */
export const clientResponseHeaders = (upstream: Headers): Headers => withoutHopByHop(upstream);
