/**
 * What the gateway exposes and who owns it (services/gateway/README.md). Only the RPC services
 * listed here are public: internal ones (`questline.auth.v1.WalletService`,
 * `questline.processing.v1.TrackingService`) have no route, so they answer 404 like any unknown
 * path.
 */
import type { DescService } from "@bufbuild/protobuf";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import type { GatewayConfig } from "./config";

export const UPSTREAM_NAMES = ["auth", "catalog", "processing"] as const;
export type UpstreamName = (typeof UPSTREAM_NAMES)[number];
export type Upstreams = Readonly<Record<UpstreamName, string>>;

/** REST prefixes: the prefix itself and everything below it. */
export const REST_ROUTES: readonly { prefix: string; upstream: UpstreamName }[] = [
  { prefix: "/api/v1/auth", upstream: "auth" },
  { prefix: "/api/v1/quest", upstream: "catalog" },
  { prefix: "/api/v1/track", upstream: "processing" },
];

export const EXACT_ROUTES: readonly { path: string; upstream: UpstreamName }[] = [
  { path: "/.well-known/jwks.json", upstream: "auth" },
];

const PUBLIC_RPC: readonly { service: DescService; upstream: UpstreamName }[] = [
  { service: QuestCatalogService, upstream: "catalog" },
];

export interface RpcRoute {
  path: string;
  upstream: UpstreamName;
  /** Server streams get no deadline and no idle cut-off. */
  streaming: boolean;
}

/** One POST route per procedure of each public RPC service (Connect and gRPC-Web share paths). */
export const RPC_ROUTES: readonly RpcRoute[] = PUBLIC_RPC.flatMap(({ service, upstream }) =>
  service.methods.map((method) => ({
    path: `/${service.typeName}/${method.name}`,
    upstream,
    streaming: method.methodKind !== "unary",
  })),
);

export const upstreamsFrom = (config: GatewayConfig): Upstreams => ({
  auth: config.AUTH_URL,
  catalog: config.CATALOG_URL,
  processing: config.PROCESSING_URL,
});
