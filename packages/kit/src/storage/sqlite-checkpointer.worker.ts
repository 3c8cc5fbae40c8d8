/**
 * The SQLite checkpointer's thread (see `sqlite-checkpointer.ts`): one connection per watched file,
 * and a passive checkpoint of each on every tick. A passive checkpoint takes no write lock: it
 * copies what the WAL holds into the database file while writers go on.
 */
import { parentPort } from "node:worker_threads";
import {
  type SqliteConnection,
  type SqliteDriver,
  type SqliteDriverName,
  sqliteDriver,
} from "../runtime/sqlite";

export type CheckpointerMessage =
  | { type: "start"; intervalMs: number; driver: SqliteDriverName }
  | { type: "watch"; path: string }
  | { type: "unwatch"; path: string };

/** What the thread tells its owner. */
export type WorkerReport = { type: "started" } | { type: "failed"; path: string; error: string };

const report = (message: WorkerReport) => parentPort?.postMessage(message);

const files = new Map<string, SqliteConnection>();
let driver: Promise<SqliteDriver> | undefined;

function checkpointAll(): void {
  for (const [path, db] of files) {
    try {
      db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (error) {
      report({ type: "failed", path, error: String(error) });
    }
  }
}

async function handle(message: CheckpointerMessage): Promise<void> {
  if (message.type === "start") {
    if (driver !== undefined) return;
    driver = sqliteDriver(message.driver);
    await driver;
    setInterval(checkpointAll, message.intervalMs);
    report({ type: "started" });
  } else if (message.type === "watch" && !files.has(message.path)) {
    const opened = (await driver)?.open(message.path, { busyTimeoutMs: 5000 });
    if (opened === undefined) return;
    opened.exec("PRAGMA synchronous = NORMAL");
    files.set(message.path, opened);
  } else if (message.type === "unwatch") {
    files.get(message.path)?.close();
    files.delete(message.path);
  }
}

// Messages are handled in the order they came, though opening the driver takes a moment.
let queue = Promise.resolve();
parentPort?.on("message", (message: CheckpointerMessage) => {
  queue = queue.then(() =>
    handle(message).catch((error: unknown) => {
      const path = "path" in message ? message.path : "";
      report({ type: "failed", path, error: String(error) });
    }),
  );
});
