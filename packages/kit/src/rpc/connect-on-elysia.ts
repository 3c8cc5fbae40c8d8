/**
 * Serves RPC routes as Connect and gRPC-Web on the Elysia HTTP port, so browsers need one origin.
 * Each procedure becomes a POST route that hands Connect the raw request: if Elysia parsed the body
 * first, Connect-JSON calls would fail.
 */
import { createConnectRouter, type Interceptor } from "@connectrpc/connect";
import { createFetchHandler } from "@connectrpc/connect/protocol";
import type { AnyElysia } from "elysia";
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

/**
 * A parser that reads nothing, so the body reaches Connect unread. Not `parse: "none"`: Elysia's
 * interpreted mode (`aot: false`, the edge's) ignores that and still reads a JSON body, while a
 * parser that answers leaves it alone in both modes.
 */
const UNREAD = { unread: true } as const;
const leaveBodyUnread = () => UNREAD;

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
    app.post(
      handler.requestPath,
      ({ request, server }) => {
        if (endless) server?.timeout(request, 0);
        return handle(request);
      },
      { parse: leaveBodyUnread, detail: { hide: true } },
    );
  }
  return app;
}
