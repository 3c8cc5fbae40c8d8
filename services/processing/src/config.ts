import { ConfigError, env, loadConfig } from "@questline/kit/config";
import { serviceSettings } from "@questline/kit/service-config";

/** The secret `bun run dev` gives auth (`SERVICE_CLIENTS=processing:<this>`); never in production. */
export const DEV_SERVICE_CLIENT_SECRET = "processing-dev-secret";

export const processingSettings = {
  ...serviceSettings({ port: 8003, grpcPort: 50053 }),
  /** Auth's HTTP base URL, where service tokens are obtained. */
  AUTH_URL: env.string("http://127.0.0.1:8001"),
  /** Auth's gRPC listener (`WalletService`). */
  AUTH_GRPC_URL: env.string("http://127.0.0.1:50052"),
  /** The catalog's gRPC listener (`QuestCatalogService.WatchQuests`). */
  CATALOG_GRPC_URL: env.string("http://127.0.0.1:50051"),
  SERVICE_CLIENT_ID: env.string("processing"),
  /** Required when NODE_ENV=production; `DEV_SERVICE_CLIENT_SECRET` otherwise. */
  SERVICE_CLIENT_SECRET: env.optionalString(),
  NODE_ENV: env.string("development"),
  /** How often the grants outbox is swept, and the longest wait between two attempts. */
  OUTBOX_POLL_MS: env.int(1000, { min: 50 }),
  OUTBOX_MIN_BACKOFF_MS: env.int(500, { min: 10 }),
  OUTBOX_MAX_BACKOFF_MS: env.int(60_000, { min: 100 }),
  /** How long a request waits for a tenant's first quest snapshot before a 503. */
  QUESTS_LOAD_TIMEOUT_MS: env.int(5000, { min: 100 }),
};

export type ProcessingConfig = ReturnType<typeof loadProcessingConfig>;

export function loadProcessingConfig(source: Record<string, string | undefined> = process.env) {
  const config = loadConfig(processingSettings, source);
  return Object.freeze({ ...config, SERVICE_CLIENT_SECRET: clientSecret(config) });
}

function clientSecret(config: { SERVICE_CLIENT_SECRET?: string; NODE_ENV: string }): string {
  if (config.SERVICE_CLIENT_SECRET !== undefined) return config.SERVICE_CLIENT_SECRET;
  if (config.NODE_ENV === "production") {
    throw new ConfigError("SERVICE_CLIENT_SECRET", "is required when NODE_ENV=production");
  }
  return DEV_SERVICE_CLIENT_SECRET;
}
