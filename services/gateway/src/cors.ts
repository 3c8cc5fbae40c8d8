/**
 * CORS for browsers on other origins, Connect and gRPC-Web clients included: preflights are
 * answered here (never forwarded), and every answer to an allowed origin carries the headers a
 * browser needs to read it, errors included.
 */
import { forbidden } from "@questline/kit/errors";
import { Elysia } from "elysia";

const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "connect-protocol-version",
  "connect-timeout-ms",
  "x-grpc-web",
  "x-user-agent",
  "grpc-timeout",
  "idempotency-key",
  "x-tenant-id",
  "x-request-id",
].join(", ");

const EXPOSED_HEADERS = [
  "grpc-status",
  "grpc-message",
  "grpc-status-details-bin",
  "x-request-id",
  "retry-after",
].join(", ");

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/** `(origin) => allowed?` for entries `*`, `scheme://host:*` (any port, or none) or exact origins. */
export function originMatcher(entries: readonly string[]) {
  const exact = new Set<string>();
  const anyPort: string[] = [];
  let anyOrigin = false;
  for (const entry of entries) {
    if (entry === "*") anyOrigin = true;
    else if (entry.endsWith(":*")) anyPort.push(entry.slice(0, -2));
    else exact.add(entry.replace(/\/+$/, ""));
  }
  return (origin: string): boolean => {
    if (anyOrigin || exact.has(origin)) return true;
    return anyPort.some(
      (base) =>
        origin === base ||
        (origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1))),
    );
  };
}

const isPreflight = (request: Request) =>
  request.method === "OPTIONS" &&
  request.headers.has("origin") &&
  request.headers.has("access-control-request-method");

/** The CORS plugin; `origins` as in `CORS_ORIGINS`. */
export function cors(origins: readonly string[]) {
  const allowed = originMatcher(origins);
  return new Elysia({ name: "questline.gateway.cors" }).onRequest(({ request, set }) => {
    const origin = request.headers.get("origin");
    if (origin === null) return;
    set.headers.vary = "origin";
    if (!allowed(origin)) {
      if (isPreflight(request))
        throw forbidden(`The origin ${origin} is not allowed`, "origin_not_allowed");
      return;
    }
    set.headers["access-control-allow-origin"] = origin;
    if (!isPreflight(request)) {
      set.headers["access-control-expose-headers"] = EXPOSED_HEADERS;
      return;
    }
    return new Response(null, {
      status: 204,
      headers: {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
        vary: "origin",
      },
    });
  });
}
