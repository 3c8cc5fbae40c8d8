import { env, loadConfig, type Setting } from "@questline/kit/config";
import { serviceSettings } from "@questline/kit/service-config";

const shared = serviceSettings({ port: 8000 });

/** A service's base URL (http or https), without a trailing slash. */
const serviceUrl = (fallback: string): Setting<string> => ({
  parse: (raw, variable) =>
    (env.url(["http:", "https:"]).parse(raw, variable) ?? fallback).replace(/\/+$/, ""),
});

export const gatewaySettings = {
  PORT: shared.PORT,
  LOG_LEVEL: shared.LOG_LEVEL,
  /** Rate limits are shared through this Redis by every replica; in-process without it. */
  REDIS_URL: shared.REDIS_URL,
  CACHE_PREFIX: shared.CACHE_PREFIX,
  AUTH_ISSUER: shared.AUTH_ISSUER,
  AUTH_AUDIENCE: shared.AUTH_AUDIENCE,
  AUTH_JWKS_URL: shared.AUTH_JWKS_URL,
  AUTH_URL: serviceUrl("http://127.0.0.1:8001"),
  CATALOG_URL: serviceUrl("http://127.0.0.1:8002"),
  PROCESSING_URL: serviceUrl("http://127.0.0.1:8003"),
  /** Exact origins, `scheme://host:*` for any port, or `*`. */
  CORS_ORIGINS: env.list(["http://localhost:*", "http://127.0.0.1:*"]),
  MAX_BODY_BYTES: shared.MAX_BODY_BYTES,
  /** The bearer token `/metrics` needs; unset, only loopback callers may read it. */
  METRICS_TOKEN: shared.METRICS_TOKEN,
  /** How long an upstream may take to start answering (streams then flow without a deadline). */
  UPSTREAM_TIMEOUT_MS: env.int(10_000, { min: 1, max: 250_000 }),
  /** Open server streams (WatchQuests) one user, one client address, and everyone may hold. */
  STREAM_LIMIT_PER_USER: shared.STREAM_LIMIT_PER_USER,
  STREAM_LIMIT_PER_ADDRESS: shared.STREAM_LIMIT_PER_ADDRESS,
  STREAM_LIMIT_TOTAL: env.int(10_000, { min: 1 }),
  RATE_LIMIT_USER_PER_SECOND: env.int(20, { min: 1 }),
  RATE_LIMIT_USER_BURST: env.int(100, { min: 1 }),
  RATE_LIMIT_ADDRESS_PER_SECOND: env.int(100, { min: 1 }),
  RATE_LIMIT_ADDRESS_BURST: env.int(200, { min: 1 }),
  /** Who may tell the gateway the client's address: a load balancer in front. */
  TRUSTED_PROXY_HEADER: shared.TRUSTED_PROXY_HEADER,
  TRUSTED_PROXIES: shared.TRUSTED_PROXIES,
  /**
   * A console bundle built ahead of time (`bun run build:console`). Without it: the one beside a
   * compiled binary, else built at start-up (Bun only; on Deno the console needs this).
   */
  CONSOLE_DIR: env.optionalString(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export const loadGatewayConfig = (source: Record<string, string | undefined> = process.env) =>
  loadConfig(gatewaySettings, source);
