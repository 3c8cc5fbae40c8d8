import type { Logger } from "@questline/kit/logger";
import { storageFromConfig } from "@questline/kit/service-config";
import type { CatalogConfig } from "./config";
import { catalogTables } from "./schema";

/** The catalog's storage as configured (SQLite files per tenant, or Postgres). */
export const openCatalogStorage = (config: CatalogConfig, logger: Logger) =>
  storageFromConfig(config, {
    service: "catalog",
    tables: catalogTables,
    sourceDir: import.meta.dirname,
    logger,
  });
