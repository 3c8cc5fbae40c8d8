/**
 * Catalog read throughput: REST (wrk) and gRPC (Connect-ES client, 64 calls in flight on one
 * HTTP/2 connection) against a real catalog process, with the quest served from the in-process
 * cache, from Redis, and from storage (cache unreachable, so every read misses).
 *
 *   bun run bench/catalog-read.ts [seconds]
 *
 * Needs `wrk` (Debian package) and, for the Redis case, a Redis at 127.0.0.1:6379.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";

const seconds = Number(Bun.argv[2] ?? 10);
const issuer = await createTestIssuer();
const jwks = Bun.serve({ port: 0, fetch: () => Response.json(issuer.jwks) });
const player = await issuer.sign({ sub: "bench-player", tid: "default", roles: ["player"] });
const admin = await issuer.sign({ sub: "bench-admin", tid: "default", roles: ["admin"] });

async function startCatalog(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-catalog-"));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const grpcPort = port + 1000;
  const child = Bun.spawn(["bun", "services/catalog/src/main.ts"], {
    cwd: join(import.meta.dir, ".."),
    env: {
      ...process.env,
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      AUTH_JWKS_URL: `http://127.0.0.1:${jwks.port}/`,
      CACHE_PREFIX: `bench-${crypto.randomUUID()}`,
      ...env,
    },
    stdout: "inherit",
    stderr: "inherit",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await Bun.sleep(100);
  }
  const created = await fetch(`${base}/api/v1/quest`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "bench-quest",
      title: "Bench",
      trigger: "signin",
      target: 3,
      rewards: [{ item: "diamond", qty: 10 }],
      status: "published",
    }),
  });
  if (created.status !== 201)
    throw new Error(`seeding failed: ${created.status} ${await created.text()}`);
  return {
    base,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function restRate(url: string): Promise<{ rps: number; p99: string }> {
  const wrk = Bun.spawn(
    [
      "wrk",
      "-t2",
      "-c64",
      `-d${seconds}s`,
      "--latency",
      "-H",
      `Authorization: Bearer ${player}`,
      url,
    ],
    { stdout: "pipe" },
  );
  const out = await new Response(wrk.stdout).text();
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  if (/Non-2xx/.test(out)) throw new Error(`wrk saw errors:\n${out}`);
  return { rps, p99: /99%\s+(\S+)/.exec(out)?.[1] ?? "?" };
}

async function grpcRate(grpcUrl: string): Promise<{ rps: number }> {
  const client = createClient(QuestCatalogService, createGrpcTransport({ baseUrl: grpcUrl }));
  const headers = { authorization: `Bearer ${player}` };
  const request = { key: { case: "name" as const, value: "bench-quest" } };
  for (let i = 0; i < 200; i++) await client.getQuest(request, { headers });
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < deadline) {
        await client.getQuest(request, { headers });
        calls++;
      }
    }),
  );
  return { rps: calls / seconds };
}

const cases: [string, Record<string, string>][] = [
  ["in-process cache", {}],
  ["Redis cache", { REDIS_URL: "redis://127.0.0.1:6379" }],
  ["no cache (Redis unreachable: every read from SQLite)", { REDIS_URL: "redis://127.0.0.1:1" }],
];

const rows: string[] = [];
for (const [name, env] of cases) {
  const catalog = await startCatalog(env);
  try {
    const rest = await restRate(`${catalog.base}/api/v1/quest/bench-quest`);
    const grpc = await grpcRate(catalog.grpcUrl);
    rows.push(`| ${name} | ${Math.round(rest.rps)} | ${rest.p99} | ${Math.round(grpc.rps)} |`);
  } finally {
    await catalog.stop();
  }
}
jwks.stop(true);
console.log(
  `\nCatalog GetQuest, ${seconds}s per case, 64 connections (REST) / 64 calls in flight (gRPC)\n`,
);
console.log("| case | REST req/s | REST p99 | gRPC req/s |\n|---|---|---|---|");
for (const row of rows) console.log(row);
