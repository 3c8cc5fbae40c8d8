import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Logger } from "../logger";
import { connectPostgres, postgresStorage } from "./postgres-storage";
import type { ServiceStorage } from "./types";

export interface PostgresStorageOptions<T> {
  databaseUrl: string;
  tables: T;
  migrationsFolder: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  logger: Logger;
}

/** One database per service; every table carries `tenant_id`, the kit owns `questline_tenants`. */
export async function createPostgresStorage<T>(
  options: PostgresStorageOptions<T>,
): Promise<ServiceStorage<T>> {
  await migrateUnderLock(options.databaseUrl, options.migrationsFolder, options.logger);
  const pool = connectPostgres(options.databaseUrl, { max: options.poolSize ?? 10 });
  return postgresStorage({
    tables: options.tables,
    logger: options.logger,
    connection: () => pool,
    close: () => pool.client.end({ timeout: 5 }),
  });
}

/** Replicas starting together take turns: the migrations run under an advisory lock. */
async function migrateUnderLock(url: string, migrationsFolder: string, logger: Logger) {
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await admin`select pg_advisory_lock(hashtext('questline:migrations'))`;
    try {
      await migrate(drizzle({ client: admin }), { migrationsFolder });
      await admin`create table if not exists questline_tenants (
        id text primary key,
        created_at timestamptz not null default now()
      )`;
    } finally {
      await admin`select pg_advisory_unlock(hashtext('questline:migrations'))`;
    }
    logger.debug("postgres migrated", { migrationsFolder });
  } finally {
    await admin.end({ timeout: 5 });
  }
}
