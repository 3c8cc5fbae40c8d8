import { setTimeout as sleep } from "node:timers/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { notFound } from "../errors";
import type { Logger } from "../logger";
import { assertTenantId } from "../tenant";
import { errorCode } from "./error-code";
import type { Db, ServiceStorage, TenantDb } from "./types";

export interface PostgresStorageOptions<T> {
  databaseUrl: string;
  tables: T;
  migrationsFolder: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  logger: Logger;
}

/** Serialization failure and deadlock: the transaction did nothing and may simply run again. */
const RETRYABLE_CODES = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 40;

const silent = () => undefined;

/** One database per service; every table carries `tenant_id`, the kit owns `questline_tenants`. */
export async function createPostgresStorage<T>(
  options: PostgresStorageOptions<T>,
): Promise<ServiceStorage<T>> {
  await migrateUnderLock(options.databaseUrl, options.migrationsFolder, options.logger);
  const client = postgres(options.databaseUrl, {
    max: options.poolSize ?? 10,
    onnotice: silent,
  });
  const db: Db = drizzle({ client });
  // Tenants are never deleted, so a tenant seen once needs no second lookup.
  const known = new Set<string>();

  const hasTenant = async (id: string) => {
    if (known.has(assertTenantId(id))) return true;
    const rows = await client`select 1 from questline_tenants where id = ${id}`;
    if (rows.length > 0) known.add(id);
    return rows.length > 0;
  };
  const handleOf = (id: string): TenantDb<T> => ({
    tenantId: id,
    dialect: "postgres",
    tables: options.tables,
    db,
    transaction: (fn) => serializableTransaction(db, fn),
  });

  return {
    dialect: "postgres",
    async tenant(id) {
      if (!(await hasTenant(id))) throw notFound("unknown_tenant", `Tenant "${id}" does not exist`);
      return handleOf(id);
    },
    async createTenant(id) {
      const rows = await client`insert into questline_tenants (id) values (${assertTenantId(id)})
        on conflict (id) do nothing returning id`;
      known.add(id);
      if (rows.length > 0) options.logger.info("tenant created", { tenant: id });
      return rows.length > 0;
    },
    hasTenant,
    async listTenants() {
      const rows = await client<{ id: string }[]>`select id from questline_tenants order by id`;
      return rows.map((row) => row.id);
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Runs `fn` at SERIALIZABLE and runs it again when Postgres aborts it for a conflict, so a
 * read-then-write transaction behaves as it does on SQLite (where writers take turns): no lost
 * update, without pg-only `select … for update`. `fn` must therefore only touch the database.
 */
async function serializableTransaction<R>(db: Db, fn: (tx: Db) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The transaction object has every query-builder method of the database; only `$client` is missing.
      return await db.transaction((tx) => fn(tx as unknown as Db), {
        isolationLevel: "serializable",
      });
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE_CODES.has(code)) throw error;
      await sleep(Math.random() * Math.min(50, 2 * attempt));
    }
  }
}

/** Replicas starting together take turns: the migrations run under an advisory lock. */
async function migrateUnderLock(url: string, migrationsFolder: string, logger: Logger) {
  const admin = postgres(url, { max: 1, onnotice: silent });
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
