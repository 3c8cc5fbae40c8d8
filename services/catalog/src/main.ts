import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { runMigrateCommand } from "@questline/kit/migrate-command";
import { serveBuilt } from "@questline/kit/serve";
import { loadCatalogConfig } from "./config";
import { createCatalogService } from "./service";
import { openCatalogStorage } from "./storage";

const config = exitOnConfigError(() => loadCatalogConfig());
const logger = createLogger({ service: "catalog", level: config.LOG_LEVEL });

await runMigrateCommand(process.argv, () => openCatalogStorage(config, logger));
const service = await createCatalogService({ config, logger });

await serveBuilt(service, config, logger);
