/**
 * Every table of every service, counted for one tenant, read from each service's own storage as
 * the system configured it (the SQLite files or the Postgres databases), plus the tenants each
 * knows: what a refused request must leave exactly as it was.
 */
import { createLogger } from "@questline/kit/logger";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { count, eq } from "drizzle-orm";
import { loadAuthConfig } from "../../services/auth/src/config";
import { openAuthStorage } from "../../services/auth/src/storage";
import { loadCatalogConfig } from "../../services/catalog/src/config";
import { openCatalogStorage } from "../../services/catalog/src/storage";
import { loadProcessingConfig } from "../../services/processing/src/config";
import { openProcessingStorage } from "../../services/processing/src/storage";
import type { TestSystem } from "./system";

// Drizzle's table objects differ per service; what is counted only needs the tenant column.
type AnyTables = Record<string, { tenantId: unknown }>;
type AnyStorage = ServiceStorage<AnyTables>;

export async function rowCounter(system: TestSystem, tenantId = "default") {
  const logger = createLogger({ service: "row-counter", level: "error" });
  const storages: [string, AnyStorage][] = [
    ["auth", (await openAuthStorage(loadAuthConfig(system.envOf("auth")), logger)) as never],
    [
      "catalog",
      (await openCatalogStorage(loadCatalogConfig(system.envOf("catalog")), logger)) as never,
    ],
    [
      "processing",
      (await openProcessingStorage(
        loadProcessingConfig(system.envOf("processing")),
        logger,
      )) as never,
    ],
  ];

  return {
    /** `service.table` → rows of the tenant, and `service.tenants` → how many tenants exist. */
    async counts(): Promise<Record<string, number>> {
      const result: Record<string, number> = {};
      for (const [service, storage] of storages) {
        const store = await storage.tenant(tenantId);
        for (const [name, table] of Object.entries(store.tables)) {
          const rows: { rows: number }[] = await store.db
            .select({ rows: count() })
            .from(table as never)
            .where(eq(table.tenantId as never, tenantId));
          result[`${service}.${name}`] = Number(rows[0]?.rows ?? 0);
        }
        result[`${service}.tenants`] = (await storage.listTenants()).length;
      }
      return result;
    },
    async close() {
      for (const [, storage] of storages) await storage.close();
    },
  };
}
