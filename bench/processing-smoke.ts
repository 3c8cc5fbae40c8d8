/**
 * Processing smoke throughput, in process (`app.handle`, no sockets): tracked actions and claims
 * per second on SQLite and Postgres, with a real catalog feeding the quest copy and the outbox
 * delivering every grant to a recording wallet peer while it runs.
 *
 *   bun run bench/processing-smoke.ts [requests per case] [concurrency]
 *
 * Distinct users (streams) spread the load; "one user" shows the cost of same-stream conflicts.
 */
import type { Dialect } from "@questline/kit/storage/types";
import { postgresAvailable } from "@questline/kit/testing/postgres";
import { questBody } from "../services/catalog/src/testing";
import {
  startTestProcessing,
  type TestProcessing,
} from "../services/processing/src/testing/harness";

const total = Number(Bun.argv[2] ?? 2000);
const concurrency = Number(Bun.argv[3] ?? 32);
const USERS = 200;

const quests = [
  questBody({
    name: "bench-track",
    trigger: "bench_track",
    target: 1_000_000,
    max_completions: null,
    status: "published",
  }),
  questBody({
    name: "bench-claim",
    trigger: "bench_claim",
    target: 1,
    max_completions: null,
    status: "published",
  }),
];

async function run(label: string, count: number, request: (index: number) => Promise<number>) {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        if ((await request(index)) !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(44)} ${Math.round(count / seconds)
      .toString()
      .padStart(6)} req/s  (${count} requests, ${failed} failed)`,
  );
}

async function bench(dialect: Dialect) {
  const processing: TestProcessing = await startTestProcessing(dialect, { quests });
  const tokens = await Promise.all(Array.from({ length: USERS }, () => processing.token()));
  const tokenOf = (index: number) => tokens[index % USERS] ?? "";
  const post = async (path: string, token: string, body: unknown) =>
    (await processing.call("POST", path, { token, body })).status;
  await post("/api/v1/track/actions", tokenOf(0), { action: "bench_track" });

  console.log(`\n${dialect}: concurrency ${concurrency}`);
  await run("track, distinct users", total, (i) =>
    post("/api/v1/track/actions", tokenOf(i), { action: "bench_track" }),
  );
  await run("track with idempotency key, distinct users", total, (i) =>
    post("/api/v1/track/actions", tokenOf(i), { action: "bench_track", idempotency_key: `k-${i}` }),
  );
  await run("track, one user", Math.min(total, 500), () =>
    post("/api/v1/track/actions", tokenOf(0), { action: "bench_track" }),
  );
  // Each claim needs a completion first: one `bench_claim` action completes the quest once.
  await run("(setup) complete bench-claim", total, (i) =>
    post("/api/v1/track/actions", tokenOf(i), { action: "bench_claim" }),
  );
  await run("claim, distinct users", total, (i) =>
    post("/api/v1/track/claim_reward", tokenOf(i), { quest_name: "bench-claim" }),
  );
  await processing.close();
}

await bench("sqlite");
if (await postgresAvailable()) await bench("postgres");
