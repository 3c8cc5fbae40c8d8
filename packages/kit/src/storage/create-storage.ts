import type { Logger } from "../logger";
import type { SqliteDriverName } from "../runtime/sqlite";
import { DEFAULT_TENANT } from "../tenant";
import type { ServiceStorage } from "./types";

export interface StorageOptions<T> {
  service: string;
  dataDir: string;
  /** Postgres when set, SQLite files under `dataDir` otherwise. */
  databaseUrl?: string;
  /** Twin schemas: the same tables and columns, declared once per dialect. */
  tables: { sqlite: unknown; postgres: T };
  /** drizzle-kit output folders, one per dialect. */
  migrations: { sqlite: string; postgres: string };
  idleCloseMs?: number;
  /** SQLite only: the runtime's driver unless named (the tests run the suites on both). */
  sqliteDriver?: SqliteDriverName;
  poolSize?: number;
  logger: Logger;
}

/**
 * A service's storage, migrated, with the `default` tenant in place. Only the dialect in use is
 * loaded: Postgres mode never loads a SQLite driver, nor SQLite mode the Postgres client.
 */
export async function createStorage<T>(options: StorageOptions<T>): Promise<ServiceStorage<T>> {
  const storage = options.databaseUrl
    ? await (await import("./postgres")).createPostgresStorage<T>({
        databaseUrl: options.databaseUrl,
        tables: options.tables.postgres,
        migrationsFolder: options.migrations.postgres,
        poolSize: options.poolSize,
        logger: options.logger,
      })
    : await (await import("./sqlite")).createSqliteStorage<T>({
        service: options.service,
        dataDir: options.dataDir,
        // The one place SQLite tables pose as their Postgres twins; the shared suites keep it honest.
        tables: options.tables.sqlite as T,
        migrationsFolder: options.migrations.sqlite,
        idleCloseMs: options.idleCloseMs,
        driver: options.sqliteDriver,
        logger: options.logger,
      });
  await storage.createTenant(DEFAULT_TENANT);
  return storage;
}
