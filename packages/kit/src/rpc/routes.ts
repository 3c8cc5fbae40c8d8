import type { ConnectRouter } from "@connectrpc/connect";

/** One service's RPC implementation, served by `mountConnect` and `startGrpcServer` alike. */
export type RpcRoutes = (router: ConnectRouter) => void;

/** Several services' routes served together on the same listeners. */
export const combineRoutes =
  (...routes: RpcRoutes[]): RpcRoutes =>
  (router) => {
    for (const serve of routes) serve(router);
  };
