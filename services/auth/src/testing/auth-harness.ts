/**
 * Test support: a whole auth service on a fresh store of one dialect, driven through
 * `app.handle` without opening a port. Cheap argon2id parameters keep the suites fast.
 */
import { createLogger } from "@questline/kit/logger";
import type { Dialect } from "@questline/kit/storage/types";
import { freshStore } from "@questline/kit/testing/dialects";
import { redisUrl } from "@questline/kit/testing/env";
import { redisAvailable } from "@questline/kit/testing/redis";
import type { SignInReporter } from "../accounts/service";
import { loadAuthConfig } from "../config";
import { type AuthService, createAuthService } from "../service";

export interface CallResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (e.g. malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
}

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
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<CallResult<T>>;
  /** Signs up `userName` (in `tenant`) and returns the 201 body. */
  signup(userName: string, password?: string, tenant?: string): Promise<TokenPairBody>;
  /** `POST /api/v1/auth/signin`, whatever it answers. */
  signin(
    userName: string,
    password: string,
    headers?: Record<string, string>,
  ): Promise<CallResult<TokenPairBody & ProblemBody>>;
  close(): Promise<void>;
}

/** The Postgres runs keep the sign-in counters in the real Redis, as production does. */
export async function productionLikeCache(dialect: Dialect): Promise<Record<string, string>> {
  return dialect === "postgres" && (await redisAvailable())
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

  const call = async <T>(method: string, path: string, options: CallOptions = {}) => {
    const headers = new Headers(options.headers);
    if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers.set("content-type", "application/json");
    const response = await service.app.handle(
      new Request(`http://auth.test${path}`, { method, headers, body }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === "" ? undefined : JSON.parse(text)) as T,
    };
  };

  return {
    service,
    env,
    call,
    async signup(userName, password = TEST_PASSWORD, tenant = "default") {
      const result = await call<TokenPairBody>("POST", "/api/v1/auth/signup", {
        body: { user_name: userName, password },
        headers: { "x-tenant-id": tenant },
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
