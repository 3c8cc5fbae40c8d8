/** The SQLite driver on Bun: `bun:sqlite`, whose `Database` already is a `SqliteConnection`. */
import { Database } from "bun:sqlite";
import type { SqliteConnection, SqliteDriver } from "../sqlite";

export const bunSqlite: SqliteDriver = {
  name: "bun:sqlite",
  open(path, options): SqliteConnection {
    const db = options.readonly
      ? new Database(path, { readonly: true, strict: true })
      : new Database(path, { readwrite: true, strict: true });
    try {
      db.run(`PRAGMA busy_timeout = ${options.busyTimeoutMs}`);
    } catch (error) {
      db.close();
      throw error;
    }
    return db as unknown as SqliteConnection;
  },
};
