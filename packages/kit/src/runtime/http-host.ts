/**
 * The HTTP host seam: what serves an Elysia app on a port. Elysia's own `listen` (Bun's server) on
 * Bun; `Deno.serve(app.fetch)` on Deno. A runtime with neither serves the app as a plain fetch
 * handler (`fetch-handler.ts`), started by whatever runs it (a worker at the edge).
 */
import type { AnyElysia } from "elysia";
import { runtimeName } from "./runtime";

export interface ListenOptions {
  /** 0 asks the OS for a free port. */
  port: number;
  hostname: string;
}

export interface HostedServer {
  port: number;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  stop(graceMs: number): Promise<void>;
}

export interface HttpHost {
  readonly name: string;
  listen(app: AnyElysia, options: ListenOptions): Promise<HostedServer>;
}

let loaded: Promise<HttpHost> | undefined;

/** This runtime's HTTP host (loaded once). */
export function httpHost(): Promise<HttpHost> {
  loaded ??= (async () => {
    const runtime = runtimeName();
    if (runtime === "bun") return (await import("./bun/http-host-bun")).bunHttpHost;
    if (runtime === "deno") return (await import("./http-host-deno")).denoHttpHost;
    throw new Error("This runtime has no HTTP listener here: serve `fetchHandler(app)` instead");
  })();
  return loaded;
}
