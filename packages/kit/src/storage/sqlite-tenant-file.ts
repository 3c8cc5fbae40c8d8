import { chmodSync } from "node:fs";
import type { Logger } from "../logger";
import type { SqliteConnection, SqliteDriver } from "../runtime/sqlite";
import { SqliteCheckpointer } from "./sqlite-checkpointer";
import { drizzleSqlite, migrateSqlite, type SqliteDb } from "./sqlite-drizzle";
import { withStatementCache } from "./sqlite-statement-cache";

/**
 * A tenant's data is its owner's alone: folders 0700, files 0600 (SQLite gives its -wal and -shm
 * files the mode of the database file). Files and folders from before are tightened when opened.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

interface Connections {
  writer: SqliteConnection;
  writes: SqliteDb;
  reader: SqliteConnection;
  reads: SqliteDb;
}

/**
 * One tenant's SQLite file: a writer connection whose transactions are serialised by an in-process
 * queue and `BEGIN IMMEDIATE` (other processes wait on busy_timeout), and a read-only connection
 * that sees only committed data (WAL). Drizzle's own async transaction on a synchronous driver
 * commits at the first `await`, which is why transactions are driven here with plain SQL. With a checkpointer, WAL
 * checkpoints run on its thread, not in this writer's commits.
 */
export class SqliteTenantFile {
  private connections: Connections | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;
  private lastUsed = Date.now();

  constructor(
    readonly path: string,
    private readonly migrationsFolder: string,
    private readonly driver: SqliteDriver,
    private readonly logger: Logger,
    private readonly checkpointer?: SqliteCheckpointer,
  ) {}

  /** Opens (and migrates) the file when closed; never creates it. */
  open(): Connections {
    this.lastUsed = Date.now();
    if (this.connections) return this.connections;
    // Before SQLite opens it: its -wal and -shm files take the database file's mode.
    chmodSync(this.path, PRIVATE_FILE_MODE);
    const open = (readonly: boolean) =>
      withStatementCache(this.driver.open(this.path, { readonly, busyTimeoutMs: BUSY_TIMEOUT_MS }));
    const writer = open(false);
    try {
      writer.exec("PRAGMA journal_mode = WAL");
      writer.exec("PRAGMA synchronous = NORMAL");
      writer.exec("PRAGMA foreign_keys = ON");
      if (this.checkpointer) {
        writer.exec(
          `PRAGMA wal_autocheckpoint = ${SqliteCheckpointer.WRITER_AUTOCHECKPOINT_PAGES}`,
        );
      }
      const writes = drizzleSqlite(writer);
      migrateSqlite(writes, this.migrationsFolder);
      const reader = open(true);
      this.connections = { writer, writes, reader, reads: drizzleSqlite(reader) };
    } catch (error) {
      writer.close();
      throw error;
    }
    this.checkpointer?.watch(this.path);
    this.logger.debug("sqlite file opened", { path: this.path });
    return this.connections;
  }

  /** Runs `fn` as one atomic write transaction, after every earlier one on this file. */
  transaction<R>(fn: (tx: SqliteDb) => Promise<R>): Promise<R> {
    const result = this.queue.then(() => this.runTransaction(fn));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runTransaction<R>(fn: (tx: SqliteDb) => Promise<R>): Promise<R> {
    const { writer, writes } = this.open();
    this.running++;
    try {
      writer.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(writes);
        writer.exec("COMMIT");
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.running--;
      this.lastUsed = Date.now();
    }
  }

  /** Closes the connections when nothing used them for `idleMs`; they reopen on next use. */
  closeIfIdle(idleMs: number): void {
    if (this.connections && this.running === 0 && Date.now() - this.lastUsed >= idleMs) {
      this.close();
      this.logger.debug("sqlite file closed after idle", { path: this.path });
    }
  }

  close(): void {
    if (!this.connections) return;
    this.checkpointer?.unwatch(this.path);
    this.connections.reader.close();
    this.connections.writer.close();
    this.connections = null;
  }
}
