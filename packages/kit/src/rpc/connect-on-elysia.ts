/**
 * Serves RPC routes as Connect and gRPC-Web on the Elysia HTTP port, so browsers need one origin.
 * Each procedure becomes a POST route that hands Connect the raw request: if Elysia parsed the body
 * first, Connect-JSON calls would fail. What every call goes through first (token, size, stream
 * limits) is in `serve-options.ts`.
 */
import { createConnectRouter } from "@connectrpc/connect";
import { createFetchHandler } from "@connectrpc/connect/protocol";
import type { AnyElysia } from "elysia";
import type { RpcRoutes } from "./routes";
import { callValues, type RpcServeOptions, routerOptionsFor } from "./serve-options";

export type { RpcServeOptions } from "./serve-options";

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
  const router = createConnectRouter(routerOptionsFor(options));
  routes(router);
  for (const handler of router.handlers) {
    // Server streams (WatchQuests) stay quiet for long stretches: no idle timeout for them.
    const endless = handler.method.methodKind !== "unary";
    app.post(
      handler.requestPath,
      ({ request, server }) => {
        if (endless) server?.timeout(request, 0);
        const peer = server?.requestIP(request)?.address;
        const values = callValues(options, peer, () => request.headers);
        return createFetchHandler((call) => handler({ ...call, contextValues: values }))(request);
      },
      { parse: leaveBodyUnread, detail: { hide: true } },
    );
  }
  return app;
}
