import type { JWK } from "jose";

/**
 * Publishes a test issuer's keys the way auth does (`GET /.well-known/jwks.json`), for a service
 * under test that can only fetch them: the edge bundle in workerd reads `AUTH_JWKS_URL`.
 */
export function serveJwks(jwks: { keys: JWK[] }): { url: string; stop(): Promise<void> } {
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) =>
      new URL(request.url).pathname === "/.well-known/jwks.json"
        ? Response.json(jwks)
        : new Response("not found", { status: 404 }),
  });
  return {
    url: `http://127.0.0.1:${server.port}/.well-known/jwks.json`,
    stop: () => server.stop(true),
  };
}
