/**
 * `bun run services/processing/src/cli/rebuild.ts --tenant T`: drops the tenant's progress
 * projection and replays it from the event log. Prints `{tenant, equal, users, events}`; exits 0
 * when the rebuild ran (whatever `equal` says), 1 when it could not.
 */
import { parseArgs } from "node:util";
import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { assertTenantId, DEFAULT_TENANT } from "@questline/kit/tenant";
import { loadProcessingConfig } from "../config";
import { openProcessingStorage } from "../storage";
import { rebuildProjection } from "../store/rebuild";

const { values } = parseArgs({ options: { tenant: { type: "string" } }, strict: true });
const tenantId = assertTenantId(values.tenant ?? DEFAULT_TENANT);
const config = exitOnConfigError(() => loadProcessingConfig());
const logger = createLogger({ service: "processing", level: config.LOG_LEVEL });
const storage = await openProcessingStorage(config, logger);
try {
  const report = await rebuildProjection(await storage.tenant(tenantId));
  console.log(JSON.stringify({ tenant: tenantId, ...report }));
} catch (error) {
  logger.error("rebuild failed", { tenant: tenantId, error });
  process.exitCode = 1;
} finally {
  await storage.close();
}
