import type { Logger } from "@questline/kit/logger";
import { storageFromConfig } from "@questline/kit/service-config";
import type { AuthConfig } from "./config";
import { tables as pgTables } from "./schema/pg";
import { tables as sqliteTables } from "./schema/sqlite";

/** Auth's storage as configured (SQLite files per tenant, or Postgres). */
export const openAuthStorage = (config: AuthConfig, logger: Logger) =>
  storageFromConfig(config, {
    service: "auth",
    tables: { sqlite: sqliteTables, postgres: pgTables },
    sourceDir: import.meta.dirname,
    logger,
  });
