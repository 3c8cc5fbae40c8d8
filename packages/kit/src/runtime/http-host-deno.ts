/**
 * The HTTP host on Deno: `Deno.serve` with the app's fetch handler (Elysia's web-standard
 * adapter; its `listen` is Bun's). Each request's peer address is kept for the handlers'
 * `server.requestIP`. Deno's server has no per-request idle timeout, so a quiet stream stays open
 * without being asked.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { attachConnectionHooks, peerTable } from "./connection";
import type { HostedServer, HttpHost } from "./http-host";

/** The part of Deno's API this host uses (the type checker here knows Bun's globals, not Deno's). */
interface DenoServe {
  serve(
    options: { port: number; hostname: string; onListen(address: unknown): void },
    handler: (
      request: Request,
      info: { remoteAddr: { hostname?: string } },
    ) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}

const deno = (): DenoServe => (globalThis as unknown as { Deno: DenoServe }).Deno;

export const denoHttpHost: HttpHost = {
  name: "Deno.serve",
  async listen(app, options): Promise<HostedServer> {
    const peers = peerTable();
    attachConnectionHooks(app, peers.hooks);
    const server = deno().serve(
      { port: options.port, hostname: options.hostname, onListen() {} },
      (request, info) => {
        peers.remember(request, info.remoteAddr.hostname);
        return app.fetch(request);
      },
    );
    return {
      port: server.addr.port,
      async stop(graceMs) {
        // Deno's shutdown waits for every response, streams included: stop waiting after the grace.
        await Promise.race([server.shutdown(), sleep(graceMs)]);
      },
    };
  },
};
