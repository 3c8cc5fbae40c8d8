/**
 * `bun run bench/edge-latency.ts [reads]`: how long one `GET /api/v1/quest/{name}` takes at the
 * edge, in workerd, on this machine: the first read of a fresh workerd (cold: the catalog is built,
 * auth's keys fetched, a Postgres connection opened, the cache filled), then `reads` sequential
 * reads answered from the cache (warm), then `reads` reads each right after a write in the catalog
 * process (warm isolate, cache missed: a Postgres connection per request). The catalog process's
 * own cached read is measured the same way, for scale. Bundle size raw and gzipped. One client,
 * one request at a time: latency, not throughput.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { redisUrl } from "@questline/kit/testing/env";
import { serveJwks } from "@questline/kit/testing/jwks-endpoint";
import { freePorts } from "@questline/kit/testing/ports";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { startUpstashEndpoint } from "@questline/kit/testing/upstash-endpoint";
import { buildEdge } from "../deploy/edge/build";
import { startWorkerd } from "../deploy/edge/hosts";
import { seedExamples } from "../services/catalog/src/quests/examples";
import { startTestCatalog } from "../services/catalog/src/testing/harness";

const reads = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), "questline-edge-bench-"));
const built = await buildEdge(dir);
const issuer = await createTestIssuer();
const jwks = serveJwks(issuer.jwks);
const upstash = startUpstashEndpoint();
const cachePrefix = `edge-bench-${crypto.randomUUID()}`;
const writer = await startTestCatalog("postgres", {
  issuer,
  env: { REDIS_URL: redisUrl(), CACHE_PREFIX: cachePrefix, LOG_LEVEL: "warn" },
});
await seedExamples(writer.service.catalog, "default");
const player = await writer.token(["player"]);
const admin = await writer.token(["player", "admin"]);
const [port = 0] = await freePorts(1);
const env = {
  PATH: process.env.PATH,
  DATABASE_URL: writer.store.env.DATABASE_URL,
  UPSTASH_REDIS_REST_URL: upstash.url,
  UPSTASH_REDIS_REST_TOKEN: upstash.token,
  CACHE_PREFIX: cachePrefix,
  AUTH_JWKS_URL: jwks.url,
  LOG_LEVEL: "warn",
};

/** Milliseconds one read takes, checked to answer 200. */
async function timedRead(baseUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/quest/sign-in-three-times`, {
    headers: { authorization: `Bearer ${player}` },
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`read answered ${response.status}`);
  return ms;
}

const listening = (at: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port: at, host: "127.0.0.1" }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });

/** A workerd that has loaded the bundle but served nothing: its port accepts, nothing more. */
async function freshWorkerd() {
  const startedAt = performance.now();
  const hosting = startWorkerd(built.dir, { port, env, output: "ignore" });
  while (!(await listening(port))) await Bun.sleep(5);
  const listeningMs = performance.now() - startedAt;
  const firstReadMs = await timedRead(`http://127.0.0.1:${port}`);
  return { edge: await hosting, listeningMs, firstReadMs };
}

async function series(baseUrl: string, count: number, before?: (index: number) => Promise<void>) {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    await before?.(index);
    times.push(await timedRead(baseUrl));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return `p50 ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`;
}

const questId = (await writer.call("GET", "/api/v1/quest/sign-in-three-times", { token: admin }))
  .body.id;
const edit = (index: number) =>
  writer
    .call("PUT", `/api/v1/quest/${questId}`, {
      token: admin,
      body: { description: `edit ${index}` },
    })
    .then(() => undefined);

try {
  const bytes = readFileSync(built.bundle);
  const cold = await freshWorkerd();
  const edgeUrl = cold.edge.url;
  const warm = await series(edgeUrl, reads);
  const missed = await series(edgeUrl, Math.min(reads, 100), edit);
  await cold.edge.stop();
  const again = await freshWorkerd();
  await again.edge.stop();
  const processUrl = (await writer.listen()).httpUrl;
  await series(processUrl, 20);
  const processWarm = await series(processUrl, reads);

  console.log(`bundle ${built.bundle}: ${bytes.length} bytes, ${gzipSync(bytes).length} gzipped`);
  console.log(
    `cold, fresh workerd: port open after ${cold.listeningMs.toFixed(0)} ms; first read ${cold.firstReadMs.toFixed(1)} ms (again: ${again.firstReadMs.toFixed(1)} ms)`,
  );
  console.log(`warm, from the cache (${reads} reads): ${warm}`);
  console.log(`warm isolate, cache missed after a write (${Math.min(reads, 100)}): ${missed}`);
  console.log(`the catalog process on Bun, from its cache (${reads} reads): ${processWarm}`);
} finally {
  await writer.close();
  await upstash.stop();
  await jwks.stop();
  rmSync(dir, { recursive: true, force: true });
}
