import { ConfigError } from "@questline/kit/config";
import { createServiceApp } from "@questline/kit/http/app";
import { clientAddressFromConfig } from "@questline/kit/http/client-address";
import type { Logger } from "@questline/kit/logger";
import { mountConnect } from "@questline/kit/rpc/connect-on-elysia";
import { cacheFromConfig, rpcFromConfig } from "@questline/kit/service-config";
import { createTokenVerifier } from "@questline/kit/tokens";
import { accountsController } from "./accounts/controller";
import { createAccountService, type SignInReporter } from "./accounts/service";
import type { AuthConfig } from "./config";
import { jwksController } from "./keys/controller";
import { loadKeyRing } from "./keys/load-key-ring";
import { SIGNING_ALGORITHM } from "./keys/signing-key";
import { createArgon2idHasher, type PasswordHasher } from "./passwords/password-hasher";
import { createProcessingReporter } from "./reports/processing-reporter";
import { tokenController } from "./service-clients/controller";
import { createServiceClientRegistry, parseServiceClients } from "./service-clients/service";
import { createSessionService } from "./sessions/service";
import { createSessionIssuer } from "./sessions/session-issuer";
import { openAuthStorage } from "./storage";
import { tenantsController } from "./tenants/controller";
import { peerProvisioner } from "./tenants/peer-provisioning";
import { createLoginThrottle } from "./throttle/login-throttle";
import { createSignupLimit } from "./throttle/signup-limit";
import { createAccessTokenIssuer } from "./tokens/access-token-issuer";
import { selfServiceToken } from "./tokens/self-service-token";
import { walletController } from "./wallet/controller";
import { walletRoutes } from "./wallet/rpc";
import { createWallet } from "./wallet/service";

export const AUTH_VERSION = "0.1.0";

export interface AuthServiceOptions {
  config: AuthConfig;
  logger: Logger;
  /** The seam for reporting sign-ins to processing (docs/architecture.md). */
  reporter?: SignInReporter;
  passwords?: PasswordHasher;
}

/** Everything the auth process runs, wired from its config; `main.ts` serves it, tests too. */
export async function createAuthService(options: AuthServiceOptions) {
  const { config, logger } = options;
  const keys = await loadKeyRing(config, logger);
  const clients = createServiceClientRegistry(serviceClientsOf(config.SERVICE_CLIENTS));
  const storage = await openAuthStorage(config, logger);
  const cache = cacheFromConfig(config, logger);
  const verifier = createTokenVerifier({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwks: { keys: keys.jwks.keys },
    algorithms: [SIGNING_ALGORITHM],
  });
  const tokens = createAccessTokenIssuer({
    keys,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  });
  const passwords =
    options.passwords ??
    createArgon2idHasher({
      memoryCost: config.PASSWORD_MEMORY_KIB,
      timeCost: config.PASSWORD_TIME_COST,
    });
  const sessionIssuer = createSessionIssuer({ tokens });
  const wallet = createWallet(storage);
  const throttle = createLoginThrottle({
    cache,
    maxAttemptsPerAccount: config.LOGIN_MAX_ATTEMPTS,
    maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowSeconds: config.LOGIN_WINDOW_SECONDS,
    lockSeconds: config.LOGIN_LOCK_SECONDS,
  });
  const serviceToken = selfServiceToken(tokens);
  const processing =
    options.reporter === undefined && config.REPORT_ACTIONS
      ? createProcessingReporter({
          storage,
          serviceToken,
          processingUrl: config.PROCESSING_GRPC_URL,
          deadlineMs: config.REPORT_DEADLINE_MS,
          logger,
        })
      : undefined;
  const accounts = createAccountService({
    storage,
    passwords,
    sessions: sessionIssuer,
    throttle,
    signups: createSignupLimit({
      cache,
      maxPerAddress: config.SIGNUP_MAX_PER_ADDRESS,
      windowSeconds: config.SIGNUP_WINDOW_SECONDS,
    }),
    wallet,
    reporter: options.reporter ?? processing?.reporter,
  });
  const sessions = createSessionService({ storage, sessions: sessionIssuer });
  const routes = walletRoutes(wallet);
  const rpc = rpcFromConfig(config, { verifier, logger });

  const app = createServiceApp({
    service: "auth",
    version: AUTH_VERSION,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    metricsToken: config.METRICS_TOKEN,
    readiness: async () => ({
      storage: await storage.ping().then(
        () => "ok",
        (error: Error) => error.message,
      ),
    }),
  })
    .use(jwksController(keys))
    .use(
      accountsController({
        accounts,
        sessions,
        verifier,
        clientAddress: clientAddressFromConfig(config),
      }),
    )
    .use(walletController({ wallet, verifier }))
    .use(tokenController({ clients, tokens, ttlSeconds: config.SERVICE_TOKEN_TTL_SECONDS }))
    .use(
      tenantsController({
        storage,
        verifier,
        provisionPeers: config.PROVISION_PEERS
          ? peerProvisioner(
              [
                { name: "catalog", url: config.CATALOG_GRPC_URL },
                { name: "processing", url: config.PROCESSING_GRPC_URL },
              ],
              serviceToken,
            )
          : undefined,
      }),
    );
  mountConnect(app, routes, rpc);

  return {
    app,
    keys,
    storage,
    wallet,
    passwords,
    verifier,
    grpc: { routes, ...rpc },
    async close() {
      await processing?.stop();
      await cache.close();
      await storage.close();
    },
  };
}

export type AuthService = Awaited<ReturnType<typeof createAuthService>>;

function serviceClientsOf(entries: readonly string[]) {
  try {
    return parseServiceClients(entries);
  } catch (error) {
    throw new ConfigError("SERVICE_CLIENTS", (error as Error).message);
  }
}
