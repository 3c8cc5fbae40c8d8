/**
 * Every table of every service, counted for one tenant, read from each service's own storage as
 * the system configured it (the SQLite files or the Postgres databases), plus the tenants each
 * knows: what a refused request must leave exactly as it was.
 */
import { openStorageFor as authStorage } from "@questline/auth/testing";
import { openStorageFor as catalogStorage } from "@questline/catalog/testing";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { eventually } from "@questline/kit/testing/eventually";
import { openStorageFor as processingStorage } from "@questline/processing/testing";
import { count, eq } from "drizzle-orm";
import { SETTLE_MS } from "./client";
import type { TestSystem } from "./system";

// Drizzle's table objects differ per service; what is counted only needs the tenant column.
type AnyTables = Record<string, { tenantId: unknown }>;
type AnyStorage = ServiceStorage<AnyTables>;

export async function rowCounter(system: TestSystem, tenantId = "default") {
  const storages: [string, AnyStorage][] = [
    ["auth", (await authStorage(system.envOf("auth"))) as never],
    ["catalog", (await catalogStorage(system.envOf("catalog"))) as never],
    ["processing", (await processingStorage(system.envOf("processing"))) as never],
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
    /**
     * Waits until nothing more is being written: what earlier requests set off (sign-in reports,
     * reward grants) lands a moment later, and a count taken before it settles would blame the
     * next request.
     */
    async settled(): Promise<void> {
      let last = JSON.stringify(await this.counts());
      await eventually(
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const now = JSON.stringify(await this.counts());
          const still = now === last;
          last = now;
          return still;
        },
        "the system to stop writing",
        { timeoutMs: SETTLE_MS },
      );
    },
    async close() {
      for (const [, storage] of storages) await storage.close();
    },
  };
}
