/** The HTTP host on Bun: Elysia's own `listen`, i.e. `Bun.serve` with Elysia's static routes. */
import type { AnyElysia } from "elysia";
import type { HostedServer, HttpHost } from "../http-host";

/** Bun's graceful stop waits for every connection, streams included: cut them after the grace. */
async function stopHttp(app: AnyElysia, graceMs: number): Promise<void> {
  const server = app.server;
  if (server === null) return;
  const cut = setTimeout(() => server.stop(true), graceMs);
  try {
    await app.stop();
  } finally {
    clearTimeout(cut);
  }
}

export const bunHttpHost: HttpHost = {
  name: "Bun.serve",
  async listen(app, options): Promise<HostedServer> {
    app.listen({ port: options.port, hostname: options.hostname });
    const port = app.server?.port;
    if (port === undefined) throw new Error("The HTTP server did not start");
    return { port, stop: (graceMs) => stopHttp(app, graceMs) };
  },
};
