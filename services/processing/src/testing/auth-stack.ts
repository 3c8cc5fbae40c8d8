/**
 * The real thing for wallet tests: auth (its own test harness, listening on real ports), a catalog
 * that verifies auth's tokens, and a processing service wired only from config: JWKS, service
 * tokens by client credentials, the quest copy over gRPC and grants to auth's WalletService.
 * Auth's gRPC listener can be stopped and started again on its port, as an outage would look.
 */
import { createLogger } from "@questline/kit/logger";
import { type GrpcServer, startGrpcServer } from "@questline/kit/rpc/grpc-server";
import { type RunningService, runService } from "@questline/kit/serve";
import type { Dialect } from "@questline/kit/storage/types";
import { freshStore } from "@questline/kit/testing/dialects";
import {
  type AuthHarness,
  startAuth,
  TEST_CLIENT_SECRET,
} from "../../../auth/src/testing/auth-harness";
import { loadCatalogConfig } from "../../../catalog/src/config";
import { draftFromBody } from "../../../catalog/src/quests/quest-input";
import { createCatalogService } from "../../../catalog/src/service";
import { loadProcessingConfig } from "../config";
import { createProcessingService } from "../service";
import { ORIGINAL_QUESTS } from "./harness";

const quiet = (service: string) =>
  createLogger({ service, level: "error", write: () => undefined });

export async function startAuthStack(dialect: Dialect) {
  const auth: AuthHarness = await startAuth(dialect);
  const authHttp = await runService({
    app: auth.service.app,
    port: 0,
    hostname: "127.0.0.1",
    logger: quiet("auth"),
  });
  const authUrl = `http://127.0.0.1:${authHttp.httpPort}`;
  const listenGrpc = (port: number) =>
    startGrpcServer({
      ...auth.service.grpc,
      port,
      host: "127.0.0.1",
      logger: quiet("auth"),
      graceMs: 100,
    });
  let authGrpc: GrpcServer | undefined = await listenGrpc(0);
  const authGrpcPort = authGrpc.port;
  const jwksUrl = `${authUrl}/.well-known/jwks.json`;

  const catalogStore = await freshStore(dialect, "catalog");
  const catalog = await createCatalogService({
    config: loadCatalogConfig({
      ...catalogStore.env,
      AUTH_JWKS_URL: jwksUrl,
      CACHE_PREFIX: `t-${crypto.randomUUID()}`,
    }),
    logger: quiet("catalog"),
  });
  for (const body of ORIGINAL_QUESTS)
    await catalog.catalog.create("default", draftFromBody(body), "published");
  const catalogRunning: RunningService = await runService({
    app: catalog.app,
    port: 0,
    hostname: "127.0.0.1",
    grpc: { ...catalog.grpc, port: 0 },
    logger: quiet("catalog"),
    graceMs: 100,
  });

  const store = await freshStore(dialect, "processing");
  const processing = await createProcessingService({
    config: loadProcessingConfig({
      ...store.env,
      AUTH_URL: authUrl,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_GRPC_URL: `http://127.0.0.1:${authGrpcPort}`,
      CATALOG_GRPC_URL: `http://127.0.0.1:${catalogRunning.grpcPort}`,
      SERVICE_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OUTBOX_POLL_MS: "50",
      OUTBOX_MIN_BACKOFF_MS: "20",
      OUTBOX_MAX_BACKOFF_MS: "200",
    }),
    logger: quiet("processing"),
  });

  async function track(
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await processing.app.handle(
      new Request(`http://processing.test/api/v1/track/${path}`, {
        method: body === undefined && path === "progress" ? "GET" : "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: await response.json() };
  }

  return {
    auth,
    processing,
    track,
    /** The caller's balances, as auth's `/me` shows them. */
    async balances(token: string): Promise<Record<string, number>> {
      const me = await auth.call<{ balances: Record<string, number> }>("GET", "/api/v1/auth/me", {
        token,
      });
      return me.body.balances;
    },
    async stopWallet() {
      await authGrpc?.close();
      authGrpc = undefined;
    },
    async startWallet() {
      authGrpc ??= await listenGrpc(authGrpcPort);
    },
    async close() {
      await processing.close();
      await catalogRunning.stop();
      await catalog.close();
      await authGrpc?.close();
      await authHttp.stop();
      await auth.close();
      await store.cleanup();
      await catalogStore.cleanup();
    },
  };
}
