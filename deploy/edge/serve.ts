/**
 * `bun run edge:serve`: the catalog's edge bundle in workerd on this machine, as Cloudflare would
 * run it, on `EDGE_PORT` (default 8787); `-- --runtime deno`: the same entry under `deno serve`, as
 * Deno Deploy would. It reads:
 * - `DATABASE_URL` (default: database `questline_edge` on the local Postgres, created if absent).
 *   The edge never migrates: the catalog's own commands migrate it and load the example quests
 *   first (`main.ts migrate`, `cli/seed-examples.ts`), as a deployment would.
 * - `UPSTASH_REDIS_REST_URL` + `UPSTASH_REDIS_REST_TOKEN`; without them an Upstash-compatible
 *   endpoint is started here on `REDIS_URL` (default the local Redis), the Redis a catalog process
 *   given the same `REDIS_URL` and `CACHE_PREFIX` caches in, so its writes reach the edge at once.
 * - `AUTH_JWKS_URL` (default: auth of `npm run dev`), `CACHE_PREFIX`, `LOG_LEVEL`.
 */
import { join } from "node:path";
import { startUpstashEndpoint } from "../../packages/kit/src/testing/upstash-endpoint";
import { runtimeFromArgs } from "../../scripts/dev/runtimes";
import { buildEdge } from "./build";
import { startDenoServe, startWorkerd } from "./hosts";

const repoRoot = join(import.meta.dirname, "..", "..");
const env = process.env;
const databaseUrl = env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/questline_edge";
const redisUrl = env.REDIS_URL || "redis://127.0.0.1:6379";
const port = Number(env.EDGE_PORT || 8787);
const onDeno = runtimeFromArgs(process.argv.slice(2)) === "deno";

/** Creates the database `url` names when the server does not have it yet. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(url);
  server.pathname = "/postgres";
  const sql = new Bun.SQL(server.toString());
  try {
    const [found] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (found === undefined) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.close();
  }
}

/** Runs one of the catalog's own commands (on Bun) against the edge's database and cache. */
async function catalogCommand(args: string[], cache: Record<string, string>): Promise<void> {
  const child = Bun.spawn(["bun", "run", ...args], {
    cwd: repoRoot,
    env: { ...env, ...cache, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdout: "inherit",
    stderr: "inherit",
  });
  if ((await child.exited) !== 0) throw new Error(`bun run ${args.join(" ")} failed`);
}

const given =
  env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
    ? { url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN }
    : undefined;
const local = given ? undefined : startUpstashEndpoint(redisUrl);
const upstash = given ?? { url: local?.url ?? "", token: local?.token ?? "" };
// The seed writes through the same cache as the edge reads, so it invalidates what the edge kept.
const cacheEnv: Record<string, string> = given
  ? { UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: upstash.token }
  : { REDIS_URL: redisUrl };

try {
  await ensureDatabase(databaseUrl);
  await catalogCommand(["services/catalog/src/main.ts", "migrate"], cacheEnv);
  await catalogCommand(["services/catalog/src/cli/seed-examples.ts", "default"], cacheEnv);
  const settings = {
    port,
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      AUTH_JWKS_URL: env.AUTH_JWKS_URL || "http://127.0.0.1:8001/.well-known/jwks.json",
    },
  };
  const edge = onDeno
    ? await startDenoServe(settings)
    : await startWorkerd((await buildEdge()).dir, settings);
  const host = onDeno ? "deno serve" : "workerd";
  console.log(`edge:serve: the catalog's reads in ${host} at ${edge.url}`);
  console.log(
    `edge:serve: Postgres ${new URL(databaseUrl).pathname.slice(1)}, cache ${given ? "Upstash" : `Upstash-compatible endpoint ${upstash.url} on ${redisUrl}`}`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void edge.stop());
  const code = await edge.exited;
  await local?.stop();
  process.exit(code);
} catch (error) {
  console.error(`edge:serve: ${error instanceof Error ? error.message : String(error)}`);
  await local?.stop();
  process.exit(1);
}
