import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../logger";
import { startBunWorker } from "../runtime/bun/worker-bun";
import type { SqliteDriverName } from "../runtime/sqlite";
import { startNodeWorker, type WorkerStarter } from "../runtime/worker";
import { eventually } from "../testing/eventually";
import { SqliteCheckpointer } from "./sqlite-checkpointer";

const dir = mkdtempSync(join(tmpdir(), "questline-checkpointer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Bun's adapter, and the portable one (node:worker_threads, node:sqlite) that Deno uses.
const setups: [string, WorkerStarter, SqliteDriverName][] = [
  ["Bun's worker and bun:sqlite", startBunWorker, "bun:sqlite"],
  ["node:worker_threads and node:sqlite", startNodeWorker, "node:sqlite"],
];

describe.each(setups)("with %s", (_name, starter, driver) => {
  test("the checkpointer thread copies a writer's WAL into the database file", async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: "test",
      level: "debug",
      write: (line) => lines.push(line),
    });
    const path = join(dir, `busy-${driver.replace(":", "-")}.db`);
    const writer = new Database(path, { create: true, strict: true });
    writer.run("PRAGMA journal_mode = WAL");
    // The writer never checkpoints itself: only the thread can move pages into the file.
    writer.run("PRAGMA wal_autocheckpoint = 0");
    writer.run("create table rows (id integer primary key, body text not null)");
    const insert = writer.prepare("insert into rows (body) values (?)");
    const checkpointer = new SqliteCheckpointer(logger, starter, driver);
    try {
      checkpointer.watch(path);
      const before = statSync(path).size;
      for (let batch = 0; batch < 50; batch++) {
        writer.transaction(() => {
          for (let row = 0; row < 50; row++) insert.run("x".repeat(200));
        })();
      }
      const deadline = Date.now() + 10_000;
      while (statSync(path).size <= before && Date.now() < deadline) await Bun.sleep(50);
      expect(statSync(path).size).toBeGreaterThan(before + 250_000);
      // The thread reports its start on its own time: the file may grow before the line arrives.
      await eventually(
        async () => lines.some((line) => line.includes("sqlite checkpointer started")),
        "the checkpointer's start logged",
        { accept: (started) => started },
      );
      expect(lines.some((line) => line.includes("checkpoint failed"))).toBe(false);
    } finally {
      checkpointer.unwatch(path);
      checkpointer.stop();
      writer.close();
    }
  });
});
