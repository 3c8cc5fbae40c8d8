/**
 * The transport every service uses to call another's gRPC port (h2c, `node:http2`). On Deno the
 * HTTP/2 session is closed 100 ms after its last call: Deno 2.9.6's `node:http2` client can
 * crash the whole process inside nghttp2 when the server end of a session that served calls goes
 * away (a restart, a deploy; Deno issue #36788), so a Deno client keeps no session open that it
 * is not using. Bun keeps Connect's default (15 minutes).
 */
import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { runtimeName } from "../runtime/runtime";

const DENO_IDLE_SESSION_MS = 100;

export function serviceGrpcTransport(baseUrl: string): Transport {
  return createGrpcTransport({
    baseUrl,
    ...(runtimeName() === "deno" ? { idleConnectionTimeoutMs: DENO_IDLE_SESSION_MS } : {}),
  });
}
