/**
 * The storage ceiling, as a child process: the same event rows the service appends (an
 * `ActionTracked` row of processing's `events` table, migrated by its own migrations), one row per
 * transaction, with no service in between. SQLite: bun:sqlite with the kit's pragmas, writers
 * taking turns (it is synchronous, so concurrency adds nothing). Postgres: postgres-js with the
 * service's pool size, `concurrency` transactions in flight.
 *
 *   bun bench/ceilings/raw-appends.ts <sqlite|postgres> <warmup s> <run s> <runs> <concurrency>
 *
 * Prints one JSON line: `{ "rates": [transactions/s per run] }`.
 */
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@questline/kit/testing/postgres";
import { drizzle as drizzleSqlite } from "drizzle-orm/bun-sqlite";
import { migrate as migrateSqlite } from "drizzle-orm/bun-sqlite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const [dialect, warmup, runSeconds, runs, concurrency] = [
  Bun.argv[2],
  Number(Bun.argv[3]),
  Number(Bun.argv[4]),
  Number(Bun.argv[5]),
  Number(Bun.argv[6]),
];
const MIGRATIONS = join(import.meta.dir, "..", "..", "services", "processing", "drizzle");
/** The service's default pool (packages/kit/src/storage/postgres.ts). */
const POOL_SIZE = 10;

const rowOf = (stream: string, version: number) => ({
  data: JSON.stringify({ action: "bench_action", actionId: crypto.randomUUID() }),
  metadata: JSON.stringify({
    quest_version: null,
    idempotency_key: null,
    request_id: crypto.randomUUID(),
  }),
  stream,
  version,
});

type Append = (worker: number) => Promise<void> | void;

async function rate(seconds: number, workers: number, append: Append): Promise<number> {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        await append(worker);
        done++;
      }
    }),
  );
  return done / seconds;
}

async function measure(workers: number, append: Append): Promise<number[]> {
  if (warmup > 0) await rate(warmup, workers, append);
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) rates.push(await rate(runSeconds, workers, append));
  return rates;
}

async function sqliteRates(): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-raw-"));
  const db = new Database(join(dir, "default.db"), { create: true });
  try {
    db.run("PRAGMA journal_mode = WAL");
    db.run("PRAGMA synchronous = NORMAL");
    migrateSqlite(drizzleSqlite({ client: db }), { migrationsFolder: join(MIGRATIONS, "sqlite") });
    const insert = db.prepare(
      `insert into events (tenant_id, stream_id, version, type, data, metadata, occurred_at)
       values ('default', $stream, $version, 'ActionTracked', $data, $metadata, $at)`,
    );
    const versions = new Map<string, number>();
    const append = db.transaction((stream: string) => {
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      const row = rowOf(stream, version);
      insert.run({
        $stream: row.stream,
        $version: row.version,
        $data: row.data,
        $metadata: row.metadata,
        $at: Date.now(),
      });
    });
    return await measure(1, () => append.immediate(`user-${Math.floor(Math.random() * 100)}`));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRates(): Promise<number[]> {
  const database = await createTestDatabase("bench_raw_appends");
  const sql = postgres(database.url, { max: POOL_SIZE, onnotice: () => undefined });
  try {
    await migratePostgres(drizzlePostgres({ client: sql }), {
      migrationsFolder: join(MIGRATIONS, "postgres"),
    });
    const versions = new Map<number, number>();
    return await measure(concurrency, async (worker) => {
      const version = (versions.get(worker) ?? 0) + 1;
      versions.set(worker, version);
      const row = rowOf(`user-${worker}`, version);
      await sql.begin(
        (
          tx,
        ) => tx`insert into events (tenant_id, stream_id, version, type, data, metadata, occurred_at)
          values ('default', ${row.stream}, ${row.version}, 'ActionTracked', ${row.data}::jsonb, ${row.metadata}::jsonb, now())`,
      );
    });
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

const rates = dialect === "postgres" ? await postgresRates() : await sqliteRates();
console.log(JSON.stringify({ rates }));
