/**
 * The client side of service-to-service RPC, to another service's gRPC port (h2c). On Bun: native
 * gRPC through `node:http2` (Connect's gRPC transport). On Deno: the Connect protocol, which that
 * same port also serves, over Deno's own `fetch` speaking HTTP/2 with prior knowledge. Deno 2.9.6's
 * `node:http2` client can crash the whole process inside nghttp2 when a session it used is closed
 * by either end (a peer restarting, or the client's own idle close; Deno issue #36788), so a Deno
 * service never opens one. Same calls, deadlines, errors and streams either way.
 */
import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createConnectTransport } from "@connectrpc/connect-web";
import { runtimeName } from "./runtime";

let denoFetch: typeof fetch | undefined;

/** The part of Deno's API this uses (the type checker here knows Bun's globals, not Deno's). */
interface DenoHttpClients {
  createHttpClient(options: { http1: boolean; http2: boolean }): unknown;
}

/** Deno's fetch over one HTTP/2-only client: h2c with prior knowledge on `http://` URLs. */
function h2cFetch(): typeof fetch {
  if (denoFetch === undefined) {
    const deno = (globalThis as unknown as { Deno: DenoHttpClients }).Deno;
    const client = deno.createHttpClient({ http1: false, http2: true });
    denoFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, client } as RequestInit)) as typeof fetch;
  }
  return denoFetch;
}

export function serviceTransport(baseUrl: string): Transport {
  if (runtimeName() !== "deno") return createGrpcTransport({ baseUrl });
  return createConnectTransport({ baseUrl, useBinaryFormat: true, fetch: h2cFetch() });
}
