/**
 * The real thing for wallet tests: auth (its own test harness, listening on real ports), a catalog
 * that verifies auth's tokens, and a processing service wired only from config: JWKS, service
 * tokens by client credentials, the quest copy over gRPC and grants to auth's WalletService.
 * Auth's gRPC listener can be stopped and started again on its port, as an outage would look.
 */
import { startAuth, TEST_CLIENT_SECRET } from "@questline/auth/testing";
import { startTestCatalog } from "@questline/catalog/testing";
import { createLogger } from "@questline/kit/logger";
import { type GrpcServer, startGrpcServer } from "@questline/kit/rpc/grpc-server";
import { runService } from "@questline/kit/serve";
import type { Dialect } from "@questline/kit/storage/types";
import { freshStore } from "@questline/kit/testing/dialects";
import { jsonClient } from "@questline/kit/testing/json-client";
import { loadProcessingConfig } from "../config";
import { createProcessingService } from "../service";
import { ORIGINAL_QUESTS } from "./harness";

const quiet = (service: string) =>
  createLogger({ service, level: "error", write: () => undefined });

export async function startAuthStack(dialect: Dialect) {
  const auth = await startAuth(dialect);
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

  const catalog = await startTestCatalog(dialect, {
    issuer: "auth",
    env: { AUTH_JWKS_URL: jwksUrl },
    quests: ORIGINAL_QUESTS,
  });
  const catalogUrls = await catalog.listen();

  const store = await freshStore(dialect, "processing");
  const processing = await createProcessingService({
    config: loadProcessingConfig({
      ...store.env,
      AUTH_URL: authUrl,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_GRPC_URL: `http://127.0.0.1:${authGrpcPort}`,
      CATALOG_GRPC_URL: catalogUrls.grpcUrl,
      SERVICE_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OUTBOX_POLL_MS: "50",
      OUTBOX_MIN_BACKOFF_MS: "20",
      OUTBOX_MAX_BACKOFF_MS: "200",
    }),
    logger: quiet("processing"),
  });

  return {
    auth,
    processing,
    /** REST calls to processing through its app, no port needed. */
    call: jsonClient((request) => processing.app.handle(request), "http://processing.test"),
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
      await catalog.close();
      await authGrpc?.close();
      await authHttp.stop();
      await auth.close();
      await store.cleanup();
    },
  };
}
