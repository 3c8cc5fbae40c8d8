import { ConfigError, env, loadConfig } from "@questline/kit/config";
import { serviceSettings } from "@questline/kit/service-config";

export const authSettings = {
  ...serviceSettings({ port: 8001, grpcPort: 50052 }),
  /**
   * Signing keys as a JSON array of private EC P-256 JWKs (or `{"keys": [...]}`): the first signs,
   * all are published. Unset in development: a key pair is kept in `${DATA_DIR}/auth/keys/`.
   */
  AUTH_SIGNING_KEYS: env.optionalString(),
  /** `id:secret,id:secret`: the services that may obtain `service` tokens. */
  SERVICE_CLIENTS: env.list([]),
  SERVICE_TOKEN_TTL_SECONDS: env.int(300, { min: 30, max: 3600 }),
  LOGIN_MAX_ATTEMPTS: env.int(5, { min: 1 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: env.int(50, { min: 1 }),
  LOGIN_WINDOW_SECONDS: env.int(900, { min: 1 }),
  LOGIN_LOCK_SECONDS: env.int(300, { min: 1 }),
  /** Sign-ups one client address may make per window, across tenants. */
  SIGNUP_MAX_PER_ADDRESS: env.int(20, { min: 1 }),
  SIGNUP_WINDOW_SECONDS: env.int(3600, { min: 1 }),
  /** argon2id memory per hash in KiB and iterations (Bun's defaults). */
  PASSWORD_MEMORY_KIB: env.int(65536, { min: 1024 }),
  PASSWORD_TIME_COST: env.int(2, { min: 1 }),
  NODE_ENV: env.string("development"),
  /** Report sign-ins and sign-ups to processing (docs/reference/auth.md); off for auth alone. */
  REPORT_ACTIONS: env.bool(true),
  PROCESSING_GRPC_URL: env.string("http://127.0.0.1:50053"),
  CATALOG_GRPC_URL: env.string("http://127.0.0.1:50051"),
  /** Create tenants in catalog and processing too (the admin endpoint); off only for auth alone. */
  PROVISION_PEERS: env.bool(true),
  /** How long a sign-in waits for processing before answering; the outbox retries after. */
  REPORT_DEADLINE_MS: env.int(300, { min: 10, max: 10_000 }),
};

export type AuthConfig = ReturnType<typeof loadAuthConfig>;

export function loadAuthConfig(source: Record<string, string | undefined> = process.env) {
  const config = loadConfig(authSettings, source);
  if (config.NODE_ENV === "production" && config.AUTH_SIGNING_KEYS === undefined) {
    throw new ConfigError("AUTH_SIGNING_KEYS", "is required when NODE_ENV=production");
  }
  return config;
}
