/**
 * Catalog reads: `GET /api/v1/quest/{name}` (REST, through the gateway and direct) and gRPC
 * `GetQuest`, served from the in-process cache (the system's catalog), from Redis, and uncached
 * (a second catalog on the same storage whose Redis is unreachable, so every read hits storage).
 */
import { join } from "node:path";
import { redisUrl } from "@questline/kit/testing/env";
import { freePorts } from "@questline/kit/testing/ports";
import { CONNECTIONS } from "../ceilings";
import { type CaseResult, measure } from "../measure";
import { runWrk, type WrkCase, wrkCommand } from "../wrk";
import { bearer, type CaseContext } from "./context";
import { grpcGetQuestLoad } from "./grpc-load";

const ROOT = join(import.meta.dirname, "..", "..");
const QUEST_PATH = "/api/v1/quest/sign-in-three-times";

/** A second catalog process beside the system's, with its own cache settings. */
async function extraCatalog(context: CaseContext, env: Record<string, string>) {
  // Told its ports, as the system's own services are (request logs would cost the figures).
  const [port, grpcPort] = await freePorts(2);
  const child = Bun.spawn(["bun", "services/catalog/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...context.bench.system.envOf("catalog"),
      PORT: String(port),
      GRPC_PORT: String(grpcPort),
      CACHE_PREFIX: `bench-${crypto.randomUUID()}`,
      ...env,
    },
    stdout: "inherit",
    stderr: "inherit",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    const ready = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await Bun.sleep(100);
  }
  return {
    url,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

async function readCases(
  context: CaseContext,
  cache: string,
  url: string,
  grpcUrl: string,
  gateway?: string,
): Promise<CaseResult[]> {
  const { bench, plan } = context;
  const token = bench.users[0]?.token ?? "";
  const rest = (base: string): WrkCase => ({
    url: `${base}${QUEST_PATH}`,
    headers: bearer(token),
    connections: CONNECTIONS,
    seconds: plan.runSeconds,
  });
  const describe = (name: string, command: string) => ({
    group: "catalog GetQuest",
    name: `${name}, ${cache}`,
    dialect: bench.dialect,
    unit: "req/s",
    command,
  });
  const results: CaseResult[] = [];
  const targets: [string, string][] = [["REST direct", url]];
  if (gateway !== undefined) targets.push(["REST via gateway", gateway]);
  for (const [name, base] of targets) {
    const spec = rest(base);
    results.push(
      await measure(plan, describe(name, wrkCommand(spec).join(" ")), (seconds) =>
        runWrk({ ...spec, seconds }),
      ),
    );
  }
  const grpc = grpcGetQuestLoad(grpcUrl, token, CONNECTIONS);
  results.push(
    await measure(
      plan,
      describe(
        "gRPC direct",
        `Connect-ES gRPC client, ${CONNECTIONS} calls in flight on one HTTP/2 connection`,
      ),
      grpc,
    ),
  );
  return results;
}

/** GetQuest over REST straight to the catalog, from its in-process cache (runtimes compared). */
export async function cachedRestCase(context: CaseContext): Promise<CaseResult> {
  const { bench, plan } = context;
  const spec: WrkCase = {
    url: `${bench.system.urlOf("catalog")}${QUEST_PATH}`,
    headers: bearer(bench.users[0]?.token ?? ""),
    connections: CONNECTIONS,
    seconds: plan.runSeconds,
  };
  const describe = {
    group: "catalog GetQuest",
    name: "REST direct, in-process cache",
    dialect: bench.dialect,
    unit: "req/s",
    command: wrkCommand(spec).join(" "),
  };
  return measure(plan, describe, (seconds) => runWrk({ ...spec, seconds }));
}

export async function catalogCases(context: CaseContext): Promise<CaseResult[]> {
  const { system } = context.bench;
  const results = await readCases(
    context,
    "in-process cache",
    system.urlOf("catalog"),
    system.grpcUrlOf("catalog"),
    system.gatewayUrl,
  );
  const variants: [string, string][] = [["uncached (Redis unreachable)", "redis://127.0.0.1:1"]];
  // The smoke run keeps one extra catalog: enough to prove the path works.
  if (!context.plan.smoke) variants.unshift(["Redis cache", redisUrl()]);
  for (const [cache, cacheUrl] of variants) {
    const catalog = await extraCatalog(context, { REDIS_URL: cacheUrl });
    try {
      results.push(...(await readCases(context, cache, catalog.url, catalog.grpcUrl)));
    } finally {
      await catalog.stop();
    }
  }
  return results;
}
