import { env, loadConfig, required } from "@questline/kit/config";
import { serviceSettings } from "@questline/kit/service-config";

const shared = serviceSettings({ port: 0 });

/**
 * What the edge bundle reads: Postgres (a database the catalog process has migrated: the edge
 * never migrates), Upstash (the cache the catalog process writes through, so its writes reach the
 * edge) and auth's JWKS. No ports, files or TCP Redis: the platform owns those.
 */
export const catalogEdgeSettings = {
  LOG_LEVEL: shared.LOG_LEVEL,
  DATABASE_URL: required(shared.DATABASE_URL),
  UPSTASH_REDIS_REST_URL: required(shared.UPSTASH_REDIS_REST_URL),
  UPSTASH_REDIS_REST_TOKEN: required(shared.UPSTASH_REDIS_REST_TOKEN),
  CACHE_PREFIX: shared.CACHE_PREFIX,
  AUTH_JWKS_URL: required(env.url(["https:", "http:"])),
  AUTH_ISSUER: shared.AUTH_ISSUER,
  AUTH_AUDIENCE: shared.AUTH_AUDIENCE,
  METRICS_TOKEN: shared.METRICS_TOKEN,
  MAX_BODY_BYTES: shared.MAX_BODY_BYTES,
  MAX_MESSAGE_BYTES: shared.MAX_MESSAGE_BYTES,
  STREAM_LIMIT_PER_USER: shared.STREAM_LIMIT_PER_USER,
  STREAM_LIMIT_PER_ADDRESS: shared.STREAM_LIMIT_PER_ADDRESS,
  TRUSTED_PROXY_HEADER: shared.TRUSTED_PROXY_HEADER,
  TRUSTED_PROXIES: shared.TRUSTED_PROXIES,
};

export type CatalogEdgeConfig = ReturnType<typeof loadCatalogEdgeConfig>;

export const loadCatalogEdgeConfig = (source: Record<string, string | undefined>) =>
  loadConfig(catalogEdgeSettings, source);
