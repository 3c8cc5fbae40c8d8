/**
 * Runs a service: the Elysia app on its HTTP port (through the runtime's HTTP host), the gRPC
 * listener (`node:http2`, on Bun and Deno alike) on its own, and a graceful
 * shutdown on SIGTERM/SIGINT (SPEC §1): stop accepting, let requests in flight finish, close the
 * gRPC server, run `onShutdown` (close databases), exit 0.
 */
import type { AnyElysia } from "elysia";
import type { Logger } from "./logger";
import { type GrpcServer, startGrpcServer } from "./rpc/grpc-server";
import type { RpcRoutes } from "./rpc/routes";
import type { RpcServeOptions } from "./rpc/serve-options";
import { httpHost } from "./runtime/http-host";

/** A service's RPC: its routes and how its listeners check calls (`rpc/serve-options.ts`). */
export type ServiceRpc = Omit<RpcServeOptions, "logger"> & { routes: RpcRoutes };

export interface RunServiceOptions {
  app: AnyElysia;
  /** 0 asks the OS for a free port. */
  port: number;
  hostname?: string;
  grpc?: ServiceRpc & { port: number };
  logger: Logger;
  onShutdown?: () => Promise<void>;
  /** How long in-flight requests and open streams may take to finish (default 10 s). */
  graceMs?: number;
}

export interface RunningService {
  httpPort: number;
  grpcPort?: number;
  /** The shutdown sequence without exiting the process (tests). Safe to call twice. */
  stop(): Promise<void>;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export async function runService(options: RunServiceOptions): Promise<RunningService> {
  const { app, logger } = options;
  const graceMs = options.graceMs ?? 10_000;
  const http = await (await httpHost()).listen(app, {
    port: options.port,
    hostname: options.hostname ?? "0.0.0.0",
  });
  const httpPort = http.port;
  let grpc: GrpcServer | undefined;
  try {
    grpc = options.grpc && (await startGrpcServer({ ...options.grpc, logger, graceMs }));
  } catch (error) {
    await http.stop(0);
    throw error;
  }
  logger.info("service listening", { http_port: httpPort, grpc_port: grpc?.port });

  let stopping: Promise<void> | undefined;
  const shutdown = async () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    logger.info("shutting down");
    await Promise.all([http.stop(graceMs), grpc?.close()]);
    await options.onShutdown?.();
    logger.info("stopped");
  };
  const stop = () => {
    stopping ??= shutdown();
    return stopping;
  };
  function onSignal(signal: NodeJS.Signals) {
    logger.info("signal received", { signal });
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  }
  for (const signal of SIGNALS) process.once(signal, onSignal);

  return { httpPort, grpcPort: grpc?.port, stop };
}

/** What a service's composition root builds: its app, its RPC routes if any, and how to close it. */
export interface BuiltService {
  app: AnyElysia;
  grpc?: ServiceRpc;
  close(): Promise<void>;
}

/** Serves a built service on the ports of its config; SIGTERM closes it after the listeners. */
export const serveBuilt = (
  built: BuiltService,
  config: { PORT: number; GRPC_PORT?: number },
  logger: Logger,
): Promise<RunningService> =>
  runService({
    app: built.app,
    port: config.PORT,
    grpc: built.grpc && { ...built.grpc, port: config.GRPC_PORT ?? 0 },
    logger,
    onShutdown: () => built.close(),
  });
