import type { Logger } from "@questline/kit/logger";
import { storageFromConfig } from "@questline/kit/service-config";
import type { ProcessingConfig } from "./config";
import { processingTables } from "./schema";

/** The processing storage as configured (SQLite files per tenant, or Postgres). */
export const openProcessingStorage = (config: ProcessingConfig, logger: Logger) =>
  storageFromConfig(config, {
    service: "processing",
    tables: processingTables,
    sourceDir: import.meta.dirname,
    logger,
  });
