import type { GatewayApp } from "../gateway-app";
import { EXACT_ROUTES, REST_ROUTES, RPC_ROUTES, type Upstreams } from "../routes";
import { type ProxyContext, type ProxyDeps, proxy } from "./proxy-handler";

const HIDDEN = { parse: "none", detail: { hide: true } } as const;

/**
 * Adds the routing table of `routes.ts` to `app`: REST prefixes (any method), exact paths, and one
 * POST route per public RPC procedure. Bodies are not parsed (`parse: "none"`): they stream through.
 */
export function mountProxyRoutes(app: GatewayApp, upstreams: Upstreams, deps: ProxyDeps): void {
  for (const { prefix, upstream } of REST_ROUTES) {
    const target = { name: upstream, baseUrl: upstreams[upstream], streaming: false };
    const handler = (context: ProxyContext) => proxy(deps, context, target);
    app.all(prefix, handler, HIDDEN);
    app.all(`${prefix}/*`, handler, HIDDEN);
  }
  for (const { path, upstream } of EXACT_ROUTES) {
    const target = { name: upstream, baseUrl: upstreams[upstream], streaming: false };
    app.get(path, (context: ProxyContext) => proxy(deps, context, target), HIDDEN);
  }
  for (const { path, upstream, streaming } of RPC_ROUTES) {
    const target = { name: upstream, baseUrl: upstreams[upstream], streaming };
    app.post(path, (context: ProxyContext) => proxy(deps, context, target), HIDDEN);
  }
}
