/**
 * `bun bench/profile.ts <sqlite|postgres> <track|signin|quest> [seconds]`: starts the bench system
 * with Bun's CPU profiler on the service that serves the case (processing for tracking, catalog for
 * quest reads), drives it straight with wrk on 64 connections, stops the system and prints where
 * the profile (Chrome `.cpuprofile` and Markdown) was written. How the bench's targets were chased.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { userPosts } from "./cases/tracking";
import { CONNECTIONS, startCeilingServers } from "./ceilings";
import { BENCH_QUESTS, type Dialect, startBenchSystem } from "./system";
import { requireWrk, runWrk } from "./wrk";

/** The Elysia ceiling of the bench (`ceilings/http-servers.ts`), measured beside the case. */
async function elysiaCeiling(method: "GET" | "POST", seconds: number, workDir: string) {
  const servers = await startCeilingServers(workDir);
  try {
    const spec = { url: servers.elysiaUrl, connections: CONNECTIONS, seconds };
    if (method === "GET") return (await runWrk({ ...spec, url: `${servers.elysiaUrl}/quest` })).rps;
    return (await runWrk(spec, servers.post)).rps;
  } finally {
    await servers.stop();
  }
}

const CASES = {
  track: { service: "processing", path: "/api/v1/track/actions" },
  signin: { service: "processing", path: "/api/v1/track/signin" },
  quest: { service: "catalog", path: "/api/v1/quest/sign-in-three-times" },
} as const;

const { positionals, values } = parseArgs({
  args: Bun.argv.slice(2),
  allowPositionals: true,
  options: { plain: { type: "boolean", default: false } },
});
const [dialect, caseName, secondsArg] = positionals;
if ((dialect !== "sqlite" && dialect !== "postgres") || !(caseName && caseName in CASES)) {
  console.error(
    "usage: bun bench/profile.ts [--plain] <sqlite|postgres> <track|signin|quest> [seconds]",
  );
  process.exit(2);
}
requireWrk();
const chosen = CASES[caseName as keyof typeof CASES];
const seconds = Number(secondsArg ?? 10);
const outDir = join(import.meta.dir, "results", "profiles");
mkdirSync(outDir, { recursive: true });
const name = `${dialect}-${caseName}-${new Date().toISOString().replaceAll(":", "-")}`;

const profiler = [
  "--cpu-prof",
  "--cpu-prof-md",
  `--cpu-prof-dir=${outDir}`,
  `--cpu-prof-name=${name}`,
];
const bench = await startBenchSystem(dialect as Dialect, 100, {
  bunFlags: values.plain ? {} : { [chosen.service]: profiler },
});
try {
  const workDir = join(outDir, ".work");
  mkdirSync(workDir, { recursive: true });
  const url = bench.system.urlOf(chosen.service);
  const spec = { url, connections: CONNECTIONS, seconds };
  const load = (seconds: number) =>
    caseName === "quest"
      ? runWrk({
          ...spec,
          seconds,
          url: `${url}${chosen.path}`,
          headers: { authorization: `Bearer ${bench.users[0]?.token}` },
        })
      : runWrk(
          { ...spec, seconds },
          userPosts(
            { bench, workDir },
            `${caseName}.lua`,
            chosen.path,
            caseName === "track" ? { action: BENCH_QUESTS.track.trigger } : undefined,
          ),
        );
  await load(2);
  const result = await load(seconds);
  const ceiling = await elysiaCeiling(caseName === "quest" ? "GET" : "POST", seconds, workDir);
  console.log(
    `Elysia ${caseName === "quest" ? "GET" : "POST"} ceiling: ${Math.round(ceiling)} req/s; ${caseName} = ${Math.round((100 * result.rps) / ceiling)}% of it`,
  );
  console.log(
    `${caseName} on ${dialect}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}`,
  );
} finally {
  await bench.system.shutdown();
}
if (!values.plain) console.log(`profile: ${join(outDir, name)}.cpuprofile (and .md beside it)`);
