import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { runService } from "@questline/kit/serve";
import { createCatalogService } from "./catalog";
import { loadCatalogConfig } from "./config";

const config = exitOnConfigError(() => loadCatalogConfig());
const logger = createLogger({ service: "catalog", level: config.LOG_LEVEL });
const service = await createCatalogService({ config, logger });

await runService({
  app: service.app,
  port: config.PORT,
  grpc: { ...service.grpc, port: config.GRPC_PORT },
  logger,
  onShutdown: service.close,
});
