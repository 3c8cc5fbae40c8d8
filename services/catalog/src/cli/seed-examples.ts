/** `bun run services/catalog/src/cli/seed-examples.ts [tenant]`: loads the example quests (SPEC §8). */
import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { MetricsRegistry } from "@questline/kit/metrics";
import { cacheFromConfig } from "@questline/kit/service-config";
import { assertTenantId, DEFAULT_TENANT } from "@questline/kit/tenant";
import { loadCatalogConfig } from "../config";
import { seedExamples } from "../quests/examples";
import { QuestChanges } from "../quests/quest-changes";
import { QuestCatalog } from "../quests/service";
import { openCatalogStorage } from "../storage";

const tenantId = assertTenantId(process.argv[2] ?? DEFAULT_TENANT);
const config = exitOnConfigError(() => loadCatalogConfig());
const logger = createLogger({ service: "catalog", level: config.LOG_LEVEL });
const storage = await openCatalogStorage(config, logger);
const cache = cacheFromConfig(config, logger);
try {
  const catalog = new QuestCatalog({
    storage,
    cache,
    changes: new QuestChanges(),
    logger,
    metrics: new MetricsRegistry(),
  });
  const created = await seedExamples(catalog, tenantId);
  logger.info("example quests loaded", { tenant: tenantId, created });
} finally {
  await cache.close();
  await storage.close();
}
