import type { Transport } from "@connectrpc/connect";
import { createServiceApp } from "@questline/kit/http/app";
import type { Logger } from "@questline/kit/logger";
import { createMetrics } from "@questline/kit/metrics";
import { mountConnect } from "@questline/kit/rpc/connect-on-elysia";
import { combineRoutes } from "@questline/kit/rpc/routes";
import { serviceTransport } from "@questline/kit/runtime/rpc-client";
import { rpcFromConfig, verifierFromConfig } from "@questline/kit/service-config";
import { createServiceTokenSource, type TokenSource } from "@questline/kit/service-token";
import { tenantRoutes } from "@questline/kit/tenancy/tenant-rpc";
import { DEFAULT_TENANT } from "@questline/kit/tenant";
import type { TokenVerifier } from "@questline/kit/tokens";
import { adminController } from "./admin/controller";
import type { ProcessingConfig } from "./config";
import { QuestCopy } from "./quests/quest-copy";
import { startGrantDeliverer } from "./rewards/grant-deliverer";
import { createWallet } from "./rewards/wallet-client";
import { openProcessingStorage } from "./storage";
import { trackingController } from "./tracking/controller";
import { trackingRpc } from "./tracking/rpc";
import { Tracker } from "./tracking/service";

export const PROCESSING_VERSION = "0.1.0";

/** What tests may replace: their own token keys and peers; production derives all from config. */
export interface ProcessingOverrides {
  verifier?: TokenVerifier;
  /** Service tokens for the catalog and the wallet (default: auth's client-credentials grant). */
  tokens?: TokenSource;
  catalogTransport?: Transport;
  walletTransport?: Transport;
}

/** Everything the processing process runs, wired from its config; `main.ts` serves it, tests too. */
export async function createProcessingService(options: {
  config: ProcessingConfig;
  logger: Logger;
  overrides?: ProcessingOverrides;
}) {
  const { config, logger, overrides = {} } = options;
  const verifier = overrides.verifier ?? verifierFromConfig(config);
  const tokens =
    overrides.tokens ??
    createServiceTokenSource({
      authUrl: config.AUTH_URL,
      clientId: config.SERVICE_CLIENT_ID,
      clientSecret: config.SERVICE_CLIENT_SECRET,
    });
  const storage = await openProcessingStorage(config, logger);
  const metrics = createMetrics();
  const quests = new QuestCopy({
    catalog: overrides.catalogTransport ?? serviceTransport(config.CATALOG_GRPC_URL),
    tokens,
    logger,
    skipped: metrics.counter(
      "processing_quests_skipped_total",
      "Quests from the catalog left out of the local copy because they cannot be applied.",
    ),
    firstLoadTimeoutMs: config.QUESTS_LOAD_TIMEOUT_MS,
  });
  const deliverer = startGrantDeliverer({
    storage,
    wallet: createWallet(
      overrides.walletTransport ?? serviceTransport(config.AUTH_GRPC_URL),
      tokens,
    ),
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    backoff: { firstMs: config.OUTBOX_MIN_BACKOFF_MS, maxMs: config.OUTBOX_MAX_BACKOFF_MS },
  });
  const tracker = new Tracker(storage, quests, deliverer);
  const routes = combineRoutes(trackingRpc(tracker), tenantRoutes(storage));
  const rpc = rpcFromConfig(config, { verifier, logger });

  const app = createServiceApp({
    service: "processing",
    version: PROCESSING_VERSION,
    logger,
    metrics,
    maxBodyBytes: config.MAX_BODY_BYTES,
    metricsToken: config.METRICS_TOKEN,
    readiness: async () => ({
      storage: await storage.ping().then(
        () => "ok",
        (error: Error) => error.message,
      ),
      quests: quests.isLoaded(DEFAULT_TENANT) ? "ok" : "waiting for the catalog's first snapshot",
    }),
  })
    .use(trackingController(tracker, verifier))
    .use(adminController(tracker, verifier));
  mountConnect(app, routes, rpc);

  return {
    app,
    tracker,
    storage,
    quests,
    deliverer,
    grpc: { routes, ...rpc },
    async close() {
      quests.close();
      await deliverer.stop();
      await storage.close();
    },
  };
}

export type ProcessingService = Awaited<ReturnType<typeof createProcessingService>>;
