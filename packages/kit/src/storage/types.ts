import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";

export type Dialect = "sqlite" | "postgres";

/**
 * The typing face of both dialects. Repositories are written once against Postgres types; the
 * SQLite database is cast to this type in one place (`create-storage.ts`), and the shared storage
 * suite is what proves the cast honest.
 */
export type Db = PostgresJsDatabase<Record<string, never>>;

/** One tenant's view of a service's storage. */
export interface TenantDb<T> {
  tenantId: string;
  dialect: Dialect;
  tables: T;
  /** For reads only: on SQLite it is a read-only connection that never sees uncommitted writes. */
  db: Db;
  /** Every write goes through here; the whole callback commits or rolls back as one. */
  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R>;
}

export interface ServiceStorage<T> {
  dialect: Dialect;
  /** The tenant's storage; an unknown tenant is `not_found` / `unknown_tenant`, never created. */
  tenant(id: string): Promise<TenantDb<T>>;
  /** Creates (and migrates) the tenant; true when it did not exist before. */
  createTenant(id: string): Promise<boolean>;
  hasTenant(id: string): Promise<boolean>;
  listTenants(): Promise<string[]>;
  /** Throws when the storage cannot answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
