import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createCache } from "./cache/create-cache";
import { withPrefix } from "./cache/prefixed";
import type { Cache } from "./cache/types";
import { ConfigError, env } from "./config";
import { clientAddressFromConfig, clientAddressSettings } from "./http/client-address";
import { DEFAULT_MAX_BODY_BYTES } from "./http/json-body";
import type { Logger } from "./logger";
import { DEFAULT_MAX_MESSAGE_BYTES, type RpcServeOptions } from "./rpc/serve-options";
import { createStorage } from "./storage/create-storage";
import type { ServiceStorage } from "./storage/types";
import { DEFAULT_STREAM_LIMITS, StreamSlots } from "./streams/stream-slots";
import { createTokenVerifier, type TokenVerifier } from "./tokens";

/**
 * The settings every service reads, declared once. A service spreads these into its own
 * `loadConfig({...serviceSettings({ port, grpcPort }), ...its own})`.
 */
export function serviceSettings(defaults: { port: number; grpcPort?: number }) {
  return {
    PORT: env.port(defaults.port),
    GRPC_PORT: env.port(defaults.grpcPort ?? 0),
    LOG_LEVEL: env.oneOf(["debug", "info", "warn", "error"] as const, "info"),
    /** SQLite files live in `${DATA_DIR}/<service>/<tenant>.db` unless DATABASE_URL is set. */
    DATA_DIR: env.string(".data"),
    DATABASE_URL: env.url(["postgres:", "postgresql:"]),
    /** Where this service's `drizzle/{sqlite,postgres}` migrations are; default: beside the source. */
    MIGRATIONS_DIR: env.optionalString(),
    REDIS_URL: env.url(["redis:", "rediss:"]),
    UPSTASH_REDIS_REST_URL: env.url(["https:", "http:"]),
    UPSTASH_REDIS_REST_TOKEN: env.optionalString(),
    /** Namespace of this deployment's cache keys in a shared Redis. */
    CACHE_PREFIX: env.string("questline"),
    /** Where the public keys that verify access tokens are published (auth's JWKS). */
    AUTH_JWKS_URL: env.string("http://127.0.0.1:8001/.well-known/jwks.json"),
    AUTH_ISSUER: env.string("questline-auth"),
    AUTH_AUDIENCE: env.string("questline"),
    /** The bearer token `/metrics` needs; unset, only loopback callers may read it. */
    METRICS_TOKEN: env.optionalString(),
    /** The largest REST request body in bytes (413 past it). */
    MAX_BODY_BYTES: env.int(DEFAULT_MAX_BODY_BYTES, { min: 1 }),
    /** The largest RPC request message in bytes, on every protocol (ResourceExhausted past it). */
    MAX_MESSAGE_BYTES: env.int(DEFAULT_MAX_MESSAGE_BYTES, { min: 1 }),
    /** Open RPC streams one user may hold on one replica (`service` callers are not counted). */
    STREAM_LIMIT_PER_USER: env.int(DEFAULT_STREAM_LIMITS.perPrincipal, { min: 1 }),
    /** Open RPC streams one client address may hold on one replica. */
    STREAM_LIMIT_PER_ADDRESS: env.int(DEFAULT_STREAM_LIMITS.perAddress, { min: 1 }),
    /** Who may tell the service a client's address (the gateway): `TRUSTED_PROXY_HEADER`, `TRUSTED_PROXIES`. */
    ...clientAddressSettings,
  };
}

type ServiceConfig = {
  readonly [K in keyof ReturnType<typeof serviceSettings>]: ReturnType<
    ReturnType<typeof serviceSettings>[K]["parse"]
  >;
};

/** The access-token verifier every service but auth uses: auth's JWKS, iss and aud pinned. */
export const verifierFromConfig = (
  config: Pick<ServiceConfig, "AUTH_ISSUER" | "AUTH_AUDIENCE" | "AUTH_JWKS_URL">,
): TokenVerifier =>
  createTokenVerifier({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwks: { url: config.AUTH_JWKS_URL },
  });

/** How the service's RPC listeners check calls, as the settings ask (`rpc/serve-options.ts`). */
export function rpcFromConfig(
  config: Pick<
    ServiceConfig,
    | "MAX_MESSAGE_BYTES"
    | "STREAM_LIMIT_PER_USER"
    | "STREAM_LIMIT_PER_ADDRESS"
    | "TRUSTED_PROXY_HEADER"
    | "TRUSTED_PROXIES"
  >,
  deps: { verifier: TokenVerifier; logger: Logger },
): RpcServeOptions {
  return {
    ...deps,
    readMaxBytes: config.MAX_MESSAGE_BYTES,
    streams: new StreamSlots({
      perPrincipal: config.STREAM_LIMIT_PER_USER,
      perAddress: config.STREAM_LIMIT_PER_ADDRESS,
    }),
    // Behind the gateway every call comes from its address: the client's is in its header.
    clientAddress: clientAddressFromConfig(config),
  };
}

/** The settings `cacheFromConfig` reads (the edge has no `REDIS_URL`). */
export type CacheSettings = Pick<
  ServiceConfig,
  "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "CACHE_PREFIX"
> & { readonly REDIS_URL?: string };

/** The cache the settings ask for: Redis, Upstash (both variables needed) or in-process. */
export function cacheFromConfig(config: CacheSettings, logger: Logger): Cache {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = config;
  if ((url === undefined) !== (token === undefined)) {
    throw new ConfigError(
      url === undefined ? "UPSTASH_REDIS_REST_URL" : "UPSTASH_REDIS_REST_TOKEN",
      "is required when the other Upstash variable is set",
    );
  }
  const cache = createCache({
    redisUrl: config.REDIS_URL,
    upstash: url !== undefined && token !== undefined ? { url, token } : undefined,
    logger,
  });
  return withPrefix(cache, config.CACHE_PREFIX);
}

/**
 * The service's storage as the settings ask for it. `sourceDir` is the service's `src/` folder;
 * migrations are read from `MIGRATIONS_DIR`, else from `drizzle/` beside a compiled binary, else
 * from the source tree.
 */
export function storageFromConfig<T>(
  config: ServiceConfig,
  options: {
    service: string;
    tables: { sqlite: unknown; postgres: T };
    sourceDir: string;
    logger: Logger;
  },
): Promise<ServiceStorage<T>> {
  const root = config.MIGRATIONS_DIR ?? migrationsBeside(options.sourceDir);
  return createStorage({
    service: options.service,
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    tables: options.tables,
    migrations: { sqlite: join(root, "sqlite"), postgres: join(root, "postgres") },
    logger: options.logger,
  });
}

function migrationsBeside(sourceDir: string): string {
  const besideBinary = join(dirname(process.execPath), "drizzle");
  return existsSync(join(besideBinary, "sqlite")) ? besideBinary : join(sourceDir, "..", "drizzle");
}
