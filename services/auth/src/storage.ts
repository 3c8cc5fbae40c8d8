import type { Logger } from "@questline/kit/logger";
import { storageFromConfig } from "@questline/kit/service-config";
import type { AuthConfig } from "./config";
import { authTables } from "./schema";

/** Auth's storage as configured (SQLite files per tenant, or Postgres). */
export const openAuthStorage = (config: AuthConfig, logger: Logger) =>
  storageFromConfig(config, {
    service: "auth",
    tables: authTables,
    sourceDir: import.meta.dirname,
    logger,
  });
