import { notFound } from "@questline/kit/errors";
import type { GatewayApp } from "../gateway-app";
import type { ProxyContext, ProxyDeps } from "../proxy/proxy-handler";
import { proxy } from "../proxy/proxy-handler";
import { UPSTREAM_NAMES, type UpstreamName, type Upstreams } from "../routes";
import { DOCS_PAGE_HEADERS, docsPage } from "./docs-page";

const HIDDEN = { detail: { hide: true } } as const;

/** The documentation files a service serves below `/swagger/`, and nothing else. */
const DOCS_FILE = /^(json|assets\/[\w-]+(\.[\w-]+)*)$/;

const isUpstream = (name: string): name is UpstreamName =>
  (UPSTREAM_NAMES as readonly string[]).includes(name);

function upstreamNamed(name: string): UpstreamName {
  if (!isUpstream(name)) throw notFound("service_not_found", `No service is named "${name}"`);
  return name;
}

/** A service's Swagger page names its assets and spec from `/swagger/`: point them under `/docs`. */
async function relocatedPage(response: Response, name: UpstreamName): Promise<Response> {
  if (!response.ok) return response;
  const page = (await response.text()).replaceAll(`"/swagger/`, `"/docs/${name}/swagger/`);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(page, { status: response.status, headers });
}

/** `/docs` and each service's `/swagger`, `/swagger/json`, `/swagger/assets/*` under `/docs/<name>`. */
export function mountDocsRoutes(app: GatewayApp, upstreams: Upstreams, deps: ProxyDeps): void {
  const page = docsPage(UPSTREAM_NAMES);
  const via = (context: ProxyContext, name: UpstreamName, path: string) =>
    proxy(deps, context, { name, baseUrl: upstreams[name], path, streaming: false });

  app.get("/docs", () => new Response(page, { headers: DOCS_PAGE_HEADERS }), HIDDEN);
  app.get(
    "/docs/:service/swagger",
    async (context: ProxyContext & { params: { service: string } }) => {
      const name = upstreamNamed(context.params.service);
      return relocatedPage(await via(context, name, "/swagger"), name);
    },
    HIDDEN,
  );
  app.get(
    "/docs/:service/swagger/*",
    (context: ProxyContext & { params: { service: string; "*": string } }) => {
      const name = upstreamNamed(context.params.service);
      const rest = context.params["*"];
      if (!DOCS_FILE.test(rest)) throw notFound("route_not_found", "No such documentation file");
      return via(context, name, `/swagger/${rest}`);
    },
    HIDDEN,
  );
}
