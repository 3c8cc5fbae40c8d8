import type { ConnectRouter } from "@connectrpc/connect";

/** One service's RPC implementation, served by `mountConnect` and `startGrpcServer` alike. */
export type RpcRoutes = (router: ConnectRouter) => void;
