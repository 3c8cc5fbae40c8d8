/**
 * The SQLite seam: the part of a SQLite connection the kit and the services use, and the driver
 * that opens one. Bun's `bun:sqlite` on Bun; `node:sqlite` elsewhere (Deno). Both are synchronous,
 * which the kit's transactions rely on (see `storage/sqlite-tenant-file.ts`). A driver's errors
 * carry the same `code` on both (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`, …), so a unique
 * violation maps to the same answer whichever driver raised it.
 */
import { onBun } from "./runtime";

export type SqliteValue = string | number | bigint | boolean | null | Uint8Array;

export interface SqliteStatement {
  run(...params: SqliteValue[]): { changes: number; lastInsertRowid: number | bigint };
  all(...params: SqliteValue[]): unknown[];
  /** The rows as arrays of column values, in the statement's column order. */
  values(...params: SqliteValue[]): unknown[][];
  finalize(): void;
}

export interface SqliteConnection {
  /** Runs one or more statements without results (pragmas, BEGIN, COMMIT). */
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** True between BEGIN and COMMIT/ROLLBACK. */
  readonly inTransaction: boolean;
  close(): void;
}

export interface SqliteOpenOptions {
  readonly?: boolean;
  /** How long to wait for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs: number;
}

export interface SqliteDriver {
  readonly name: "bun:sqlite" | "node:sqlite";
  /** Opens an existing file; never creates one. */
  open(path: string, options: SqliteOpenOptions): SqliteConnection;
}

export type SqliteDriverName = SqliteDriver["name"];

let loaded: Promise<SqliteDriver> | undefined;

/** The runtime's driver (loaded once); `name` picks one explicitly (tests run both on Bun). */
export function sqliteDriver(name?: SqliteDriverName): Promise<SqliteDriver> {
  if (name === "node:sqlite") return import("./sqlite-node").then((module) => module.nodeSqlite);
  if (name === "bun:sqlite") return import("./bun/sqlite-bun").then((module) => module.bunSqlite);
  loaded ??= sqliteDriver(onBun() ? "bun:sqlite" : "node:sqlite");
  return loaded;
}
