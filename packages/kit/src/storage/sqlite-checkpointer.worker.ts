/**
 * The SQLite checkpointer's thread (see `sqlite-checkpointer.ts`): one connection per watched file,
 * and a passive checkpoint of each on every tick. A passive checkpoint takes no write lock: it
 * copies what the WAL holds into the database file while writers go on.
 */
import { Database } from "bun:sqlite";

declare const self: Worker;

export type CheckpointerMessage =
  | { type: "start"; intervalMs: number }
  | { type: "watch"; path: string }
  | { type: "unwatch"; path: string };

/** What the thread tells its owner. */
export type WorkerReport = { type: "started" } | { type: "failed"; path: string; error: string };

const report = (message: WorkerReport) => postMessage(message);

const files = new Map<string, Database>();
let ticking = false;

function checkpointAll(): void {
  for (const [path, db] of files) {
    try {
      db.query("PRAGMA wal_checkpoint(PASSIVE)").get();
    } catch (error) {
      report({ type: "failed", path, error: String(error) });
    }
  }
}

self.onmessage = (event: MessageEvent<CheckpointerMessage>) => {
  const message = event.data;
  if (message.type === "start") {
    if (!ticking) setInterval(checkpointAll, message.intervalMs);
    ticking = true;
    report({ type: "started" });
  } else if (message.type === "watch" && !files.has(message.path)) {
    const db = new Database(message.path, { readwrite: true });
    db.run("PRAGMA busy_timeout = 5000");
    db.run("PRAGMA synchronous = NORMAL");
    files.set(message.path, db);
  } else if (message.type === "unwatch") {
    files.get(message.path)?.close();
    files.delete(message.path);
  }
};
