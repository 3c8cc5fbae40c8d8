/**
 * Serves RPC routes as Connect and gRPC-Web on the Elysia HTTP port, so browsers need one origin.
 * Each procedure becomes a POST route that hands Connect the raw request (`parse: "none"`): if
 * Elysia parsed the body first, Connect-JSON calls would fail (STACK.md).
 */
import { createConnectRouter, type Interceptor } from "@connectrpc/connect";
import { createFetchHandler } from "@connectrpc/connect/protocol";
import type { AnyElysia } from "elysia";
import { rawBodyRoute } from "../http/body-parser";
import type { Logger } from "../logger";
import { errorInterceptor } from "./errors";
import type { RpcRoutes } from "./routes";

export interface RpcServeOptions {
  interceptors?: Interceptor[];
  logger: Logger;
}

/** The interceptors every RPC listener runs: error mapping outermost, then the service's own. */
export const interceptorsFor = (options: RpcServeOptions): Interceptor[] => [
  errorInterceptor(options.logger),
  ...(options.interceptors ?? []),
];

/** Adds one POST route per procedure of `routes` to `app` and returns the same app. */
export function mountConnect<App extends AnyElysia>(
  app: App,
  routes: RpcRoutes,
  options: RpcServeOptions,
): App {
  const router = createConnectRouter({ interceptors: interceptorsFor(options) });
  routes(router);
  for (const handler of router.handlers) {
    const handle = createFetchHandler(handler);
    // Server streams (WatchQuests) stay quiet for long stretches: no idle timeout for them.
    const endless = handler.method.methodKind !== "unary";
    rawBodyRoute(app, handler.requestPath);
    app.post(
      handler.requestPath,
      ({ request, server }) => {
        if (endless) server?.timeout(request, 0);
        return handle(request);
      },
      { parse: "none", detail: { hide: true } },
    );
  }
  return app;
}
