import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { runService } from "@questline/kit/serve";
import { createCatalogService } from "./catalog";
import { loadCatalogConfig } from "./config";
import { openCatalogStorage } from "./storage";

const config = exitOnConfigError(() => loadCatalogConfig());
const logger = createLogger({ service: "catalog", level: config.LOG_LEVEL });

if (process.argv[2] === "migrate") {
  // `main.ts migrate`: run the migrations (under the kit's lock) and exit; Kubernetes runs this
  // as an init container before a new version serves.
  await (await openCatalogStorage(config, logger)).close();
  process.exit(0);
}

const service = await createCatalogService({ config, logger });

await runService({
  app: service.app,
  port: config.PORT,
  grpc: { ...service.grpc, port: config.GRPC_PORT },
  logger,
  onShutdown: service.close,
});
