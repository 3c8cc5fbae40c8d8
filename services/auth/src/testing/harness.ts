/**
 * Test support, exported as `@questline/auth/testing` (never shipped in an image): a whole auth
 * service on a fresh store of one dialect, driven through `app.handle` without opening a port.
 * Cheap argon2id parameters keep the suites fast.
 */
import { createLogger } from "@questline/kit/logger";
import type { Dialect } from "@questline/kit/storage/types";
import { freshStore, testDialects } from "@questline/kit/testing/dialects";
import { redisUrl } from "@questline/kit/testing/env";
import { type JsonAnswer, type JsonCall, jsonClient } from "@questline/kit/testing/json-client";
import { redisMissing } from "@questline/kit/testing/redis";
import type { Variant } from "@questline/kit/testing/variants";
import type { SignInReporter } from "../accounts/service";
import { loadAuthConfig } from "../config";
import { type AuthService, createAuthService } from "../service";
import { openAuthStorage } from "../storage";

export interface TokenPairBody {
  user_id: string;
  user_name: string;
  token: string;
  refresh_token: string;
}

export interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  field?: string;
}

export interface AuthHarness {
  service: AuthService;
  env: Record<string, string>;
  /** REST calls through the app, no port needed. */
  call: JsonCall;
  /** Signs up `userName` (in `tenant`) and returns the 201 body. */
  signup(userName: string, password?: string, tenant?: string): Promise<TokenPairBody>;
  /** `POST /api/v1/auth/signin`, whatever it answers. */
  signin(
    userName: string,
    password: string,
    headers?: Record<string, string>,
  ): Promise<JsonAnswer<TokenPairBody & ProblemBody>>;
  close(): Promise<void>;
}

/**
 * The dialects of suites whose Postgres run is production-like (see `productionLikeCache`): SQLite
 * with the in-process cache, and Postgres with Redis, skipped (or failing under CI) without either.
 */
export async function productionLikeDialects(): Promise<Variant<Dialect>[]> {
  const redis = await redisMissing();
  return (await testDialects()).map((variant) =>
    variant.value === "postgres" ? { ...variant, missing: variant.missing ?? redis } : variant,
  );
}

/** The Postgres runs keep the sign-in counters in the real Redis, as production does. */
export function productionLikeCache(dialect: Dialect): Record<string, string> {
  return dialect === "postgres"
    ? { REDIS_URL: redisUrl(), CACHE_PREFIX: `test-auth-${crypto.randomUUID()}` }
    : {};
}

export const TEST_PASSWORD = "correct horse battery";
export const TEST_CLIENT_SECRET = "processing-secret-0123456789";

export async function startAuth(
  dialect: Dialect,
  overrides: Record<string, string> = {},
  reporter?: SignInReporter,
): Promise<AuthHarness> {
  const store = await freshStore(dialect, "auth");
  const env = {
    ...store.env,
    PASSWORD_MEMORY_KIB: "1024",
    PASSWORD_TIME_COST: "1",
    SERVICE_CLIENTS: `processing:${TEST_CLIENT_SECRET}`,
    // Auth alone: sign-ins are not reported unless a test names a processing to report to.
    REPORT_ACTIONS: "false",
    PROVISION_PEERS: "false",
    // Tests sign many users up from one address; the limit has its own test.
    SIGNUP_MAX_PER_ADDRESS: "1000000",
    ...overrides,
  };
  const logger = createLogger({ service: "auth", level: "error", write: () => undefined });
  const service = await createAuthService({ config: loadAuthConfig(env), logger, reporter });

  const call = jsonClient((request) => service.app.handle(request), "http://auth.test");

  return {
    service,
    env,
    call,
    async signup(userName, password = TEST_PASSWORD, tenant = "default") {
      const result = await call<TokenPairBody>("POST", "/api/v1/auth/signup", {
        body: { user_name: userName, password },
        tenant,
      });
      if (result.status !== 201) {
        throw new Error(`signup of ${userName} failed: ${JSON.stringify(result.body)}`);
      }
      return result.body;
    },
    signin: (userName, password, headers = {}) =>
      call<TokenPairBody & ProblemBody>("POST", "/api/v1/auth/signin", {
        body: { user_name: userName, password },
        headers,
      }),
    async close() {
      await service.close();
      await store.cleanup();
    },
  };
}

/** A fresh signing key, for a test system given `AUTH_SIGNING_KEYS` (as operators do). */
export { generatePrivateJwk } from "../keys/signing-key";

/** Auth's storage as a service's environment configures it (`system.envOf("auth")`). */
export const openStorageFor = (env: Record<string, string>) =>
  openAuthStorage(loadAuthConfig(env), createLogger({ service: "auth", level: "error" }));
