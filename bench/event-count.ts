/** Counts processing's stored events, to turn a run into "events appended per second". */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import postgres from "postgres";
import type { BenchSystem } from "./system";

export interface EventCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

export function eventCounter(bench: BenchSystem): EventCounter {
  const databaseUrl = bench.system.envOf("processing").DATABASE_URL;
  if (bench.dialect === "postgres" && databaseUrl !== undefined) {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    return {
      async count() {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from events`;
        return row?.n ?? 0;
      },
      close: () => sql.end({ timeout: 1 }),
    };
  }
  const db = new Database(join(bench.system.dataDir, "processing", "default.db"), {
    readonly: true,
  });
  const query = db.query<{ n: number }, []>("select count(*) as n from events");
  return {
    count: async () => query.get()?.n ?? 0,
    close: async () => db.close(),
  };
}
