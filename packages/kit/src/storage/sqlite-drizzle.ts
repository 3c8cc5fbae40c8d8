/**
 * Drizzle on either SQLite driver. Drizzle's `bun-sqlite` driver module imports `bun:sqlite`
 * itself, so the database is put together here from the parts that do not: its synchronous
 * session (which only calls `prepare`, `run`, `all` and `values` on the connection) and dialect.
 */
import { SQLiteBunSession } from "drizzle-orm/bun-sqlite/session";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { BaseSQLiteDatabase, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { SqliteConnection } from "../runtime/sqlite";

/** A synchronous Drizzle database over one connection, which stays reachable as `$client`. */
export type SqliteDb = BaseSQLiteDatabase<"sync", void> & { $client: SqliteConnection };

type SessionClient = ConstructorParameters<typeof SQLiteBunSession>[0];

export function drizzleSqlite(connection: SqliteConnection): SqliteDb {
  const dialect = new SQLiteSyncDialect();
  // The session's declared client type is Bun's Database; it uses only what both drivers have.
  const session = new SQLiteBunSession(connection as unknown as SessionClient, dialect, undefined);
  const db = new BaseSQLiteDatabase("sync", dialect, session, undefined) as SqliteDb;
  db.$client = connection;
  return db;
}

/** Applies drizzle-kit's migrations in `migrationsFolder` (synchronous, in one transaction). */
export function migrateSqlite(db: SqliteDb, migrationsFolder: string): void {
  const internals = db as unknown as {
    dialect: SQLiteSyncDialect;
    session: Parameters<SQLiteSyncDialect["migrate"]>[1];
  };
  internals.dialect.migrate(readMigrationFiles({ migrationsFolder }), internals.session, {
    migrationsFolder,
  });
}
