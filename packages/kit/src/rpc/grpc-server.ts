/**
 * Native gRPC on its own port: Bun's HTTP server cannot speak it, so a `node:http2` server (h2c)
 * runs the same routes through `connectNodeAdapter`, with the same checks as the HTTP port
 * (`serve-options.ts`).
 */
import { createServer, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { RpcRoutes } from "./routes";
import { callValues, type RpcServeOptions, routerOptionsFor } from "./serve-options";

export interface GrpcServerOptions extends RpcServeOptions {
  routes: RpcRoutes;
  /** 0 asks the OS for a free port. */
  port: number;
  host?: string;
  /** How long `close()` lets open calls finish before cutting them (default 5 s). */
  graceMs?: number;
}

export interface GrpcServer {
  port: number;
  /** Stops accepting, lets calls in flight finish (up to `graceMs`), then closes. */
  close(): Promise<void>;
}

export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const server = createServer(
    connectNodeAdapter({
      routes: options.routes,
      ...routerOptionsFor(options),
      contextValues: (request) =>
        callValues(options, request.socket.remoteAddress, () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(request.headers)) {
            if (typeof value === "string" && !name.startsWith(":")) headers.set(name, value);
          }
          return headers;
        }),
    }),
  );
  const sessions = new Set<Http2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  options.logger.info("grpc listening", { port });
  return {
    port,
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close();
      const cut = setTimeout(() => {
        for (const session of sessions) session.destroy();
      }, options.graceMs ?? 5_000);
      return closed.finally(() => clearTimeout(cut));
    },
  };
}
