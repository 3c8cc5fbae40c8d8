import { setTimeout as sleep } from "node:timers/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { notFound } from "../errors";
import type { Logger } from "../logger";
import { assertTenantId } from "../tenant";
import { errorCode } from "./error-code";
import type { Db, ServiceStorage, TenantDb } from "./types";

/** A Postgres client and the Drizzle database over it. */
export interface PostgresConnection {
  client: Sql;
  db: Db;
}

/** Serialization failure and deadlock: the transaction did nothing and may simply run again. */
const RETRYABLE_CODES = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 40;

const silent = () => undefined;

/** A client for `url` (notices dropped) and its Drizzle database. */
export function connectPostgres(url: string, options: { max: number }): PostgresConnection {
  const client = postgres(url, { max: options.max, onnotice: silent });
  return { client, db: drizzle({ client }) };
}

/**
 * The storage over whatever `connection()` answers when a query is made: the process's pool, or
 * the connection of the request being served (`postgres-per-request.ts`, for the edge). It never
 * migrates: that is `createPostgresStorage`'s job (`postgres.ts`), or a deployment step's.
 */
export function postgresStorage<T>(options: {
  tables: T;
  logger: Logger;
  connection: () => PostgresConnection;
  close: () => Promise<void>;
}): ServiceStorage<T> {
  const { connection } = options;
  // Tenants are never deleted, so a tenant seen once needs no second lookup.
  const known = new Set<string>();

  const hasTenant = async (id: string) => {
    if (known.has(assertTenantId(id))) return true;
    const rows = await connection().client`select 1 from questline_tenants where id = ${id}`;
    if (rows.length > 0) known.add(id);
    return rows.length > 0;
  };
  // `db` is looked up when a query is built, so a read the cache answers opens no connection.
  const handleOf = (id: string): TenantDb<T> => ({
    tenantId: id,
    dialect: "postgres",
    tables: options.tables,
    get db() {
      return connection().db;
    },
    transaction: (fn) => serializableTransaction(connection().db, fn),
  });

  return {
    dialect: "postgres",
    async tenant(id) {
      if (!(await hasTenant(id))) throw notFound("unknown_tenant", `Tenant "${id}" does not exist`);
      return handleOf(id);
    },
    async createTenant(id) {
      const rows = await connection()
        .client`insert into questline_tenants (id) values (${assertTenantId(id)})
        on conflict (id) do nothing returning id`;
      known.add(id);
      if (rows.length > 0) options.logger.info("tenant created", { tenant: id });
      return rows.length > 0;
    },
    hasTenant,
    async listTenants() {
      const rows = await connection().client<
        { id: string }[]
      >`select id from questline_tenants order by id`;
      return rows.map((row) => row.id);
    },
    async ping() {
      await connection().client`select 1`;
    },
    close: options.close,
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
