import { createServiceApp } from "@questline/kit/http/app";
import type { Logger } from "@questline/kit/logger";
import { createMetrics } from "@questline/kit/metrics";
import { mountConnect } from "@questline/kit/rpc/connect-on-elysia";
import { combineRoutes } from "@questline/kit/rpc/routes";
import { cacheFromConfig, rpcFromConfig, verifierFromConfig } from "@questline/kit/service-config";
import { tenantRoutes } from "@questline/kit/tenancy/tenant-rpc";
import type { TokenVerifier } from "@questline/kit/tokens";
import type { CatalogConfig } from "./config";
import { questController } from "./quests/controller";
import { QuestChanges } from "./quests/quest-changes";
import { questRpc, startWatchPoller } from "./quests/rpc";
import { QuestCatalog } from "./quests/service";
import { openCatalogStorage } from "./storage";
import { CATALOG_VERSION } from "./version";

export { CATALOG_VERSION };

/** Everything the catalog process runs, wired from its config; `main.ts` serves it, tests too. */
export async function createCatalogService(options: {
  config: CatalogConfig;
  logger: Logger;
  /** Tests pass a verifier for their own keys; otherwise the JWKS of `AUTH_JWKS_URL`. */
  verifier?: TokenVerifier;
}) {
  const { config, logger } = options;
  const verifier = options.verifier ?? verifierFromConfig(config);
  const storage = await openCatalogStorage(config, logger);
  const cache = cacheFromConfig(config, logger);
  const changes = new QuestChanges();
  const metrics = createMetrics();
  const catalog = new QuestCatalog({ storage, cache, changes, logger, metrics });
  const routes = combineRoutes(questRpc(catalog, changes), tenantRoutes(storage));
  const rpc = rpcFromConfig(config, { verifier, logger });

  const app = createServiceApp({
    service: "catalog",
    version: CATALOG_VERSION,
    logger,
    metrics,
    maxBodyBytes: config.MAX_BODY_BYTES,
    metricsToken: config.METRICS_TOKEN,
    readiness: async () => ({
      storage: await storage.ping().then(
        () => "ok",
        (error: Error) => error.message,
      ),
    }),
  }).use(questController(catalog, verifier));
  mountConnect(app, routes, rpc);
  const poller = startWatchPoller(catalog, changes, config.WATCH_POLL_MS, logger);

  return {
    app,
    catalog,
    storage,
    grpc: { routes, ...rpc },
    async close() {
      poller.stop();
      await cache.close();
      await storage.close();
    },
  };
}

export type CatalogService = Awaited<ReturnType<typeof createCatalogService>>;
