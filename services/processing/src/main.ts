import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { runMigrateCommand } from "@questline/kit/migrate-command";
import { serveBuilt } from "@questline/kit/serve";
import { DEFAULT_TENANT } from "@questline/kit/tenant";
import { loadProcessingConfig } from "./config";
import { createProcessingService } from "./service";
import { openProcessingStorage } from "./storage";

const config = exitOnConfigError(() => loadProcessingConfig());
const logger = createLogger({ service: "processing", level: config.LOG_LEVEL });
await runMigrateCommand(process.argv, () => openProcessingStorage(config, logger));
const service = await createProcessingService({ config, logger });
// Start loading the default tenant's quests now: readiness waits for them.
service.quests.isLoaded(DEFAULT_TENANT);

await serveBuilt(service, config, logger);
