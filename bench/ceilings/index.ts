/**
 * The ceilings, measured in the same run as the services: HTTP (Bun.serve, Elysia GET, Elysia
 * POST with a TypeBox body), storage (raw appends, SQLite and Postgres) and auth (token verifies).
 */
import { join } from "node:path";
import { type CaseResult, measure, type Plan, stat } from "../measure";
import { runWrk, type WrkCase, writeLuaRequests, wrkCommand } from "../wrk";

const HERE = import.meta.dir;
export const CONNECTIONS = 64;

/** Runs a bench child script and returns the JSON it printed last. */
async function childJson<T>(args: string[]): Promise<T> {
  const child = Bun.spawn(["bun", ...args], {
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const out = await new Response(child.stdout).text();
  if ((await child.exited) !== 0) throw new Error(`${args.join(" ")} failed`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "null") as T;
}

/**
 * The HTTP ceiling servers (`http-servers.ts`) in a child process: their URLs, and the Lua file of
 * the POST that wrk sends to Elysia's TypeBox route. `bench/profile.ts` measures beside them too.
 */
export async function startCeilingServers(workDir: string) {
  const server = Bun.spawn(["bun", join(HERE, "http-servers.ts")], {
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const stop = async () => {
    server.kill("SIGTERM");
    await server.exited;
  };
  try {
    const reader = server.stdout.getReader();
    const first = await reader.read();
    reader.releaseLock();
    const ports = JSON.parse(new TextDecoder().decode(first.value)) as {
      bun: number;
      elysia: number;
    };
    const elysia = `http://127.0.0.1:${ports.elysia}`;
    const post = writeLuaRequests(join(workDir, "ceiling-post.lua"), [
      {
        method: "POST",
        path: "/track",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "bench_action" }),
      },
    ]);
    return { bunUrl: `http://127.0.0.1:${ports.bun}/`, elysiaUrl: elysia, post, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function httpCeilings(plan: Plan, workDir: string): Promise<CaseResult[]> {
  const servers = await startCeilingServers(workDir);
  try {
    const { bunUrl, elysiaUrl: elysia, post } = servers;
    const cases: [string, WrkCase, string | undefined][] = [
      ["Bun.serve GET JSON", { url: bunUrl, connections: CONNECTIONS, seconds: 0 }, undefined],
      [
        "Elysia GET JSON",
        { url: `${elysia}/quest`, connections: CONNECTIONS, seconds: 0 },
        undefined,
      ],
      ["Elysia POST TypeBox body", { url: elysia, connections: CONNECTIONS, seconds: 0 }, post],
    ];
    const results: CaseResult[] = [];
    for (const [name, spec, lua] of cases) {
      results.push(
        await measure(
          plan,
          {
            group: "ceiling: HTTP",
            name,
            dialect: "-",
            unit: "req/s",
            command: wrkCommand({ ...spec, seconds: plan.runSeconds }, lua).join(" "),
          },
          (seconds) => runWrk({ ...spec, seconds }, lua),
        ),
      );
    }
    return results;
  } finally {
    await servers.stop();
  }
}

/** A ceiling measured inside a child script that reports one rate per run. */
function fromRates(
  describe: Omit<CaseResult, "rps" | "errors" | "extra">,
  rates: number[],
): CaseResult {
  const result: CaseResult = { ...describe, rps: stat(rates), errors: 0, extra: {} };
  console.log(
    `  ${describe.dialect.padEnd(8)} ${describe.group} / ${describe.name}: ${Math.round(result.rps.median)} ${describe.unit}`,
  );
  return result;
}

async function storageCeiling(plan: Plan, dialect: "sqlite" | "postgres"): Promise<CaseResult> {
  const args = [
    join(HERE, "raw-appends.ts"),
    dialect,
    String(plan.warmupSeconds),
    String(plan.runSeconds),
    String(plan.runs),
    String(CONNECTIONS),
  ];
  const { rates } = await childJson<{ rates: number[] }>(args);
  return fromRates(
    {
      group: "ceiling: storage",
      name: "raw event appends, 1 row per transaction",
      dialect,
      unit: "tx/s",
      command: `bun ${args.map((arg) => arg.replace(`${HERE}/`, "bench/ceilings/")).join(" ")}`,
      note:
        dialect === "sqlite"
          ? "synchronous driver: writers take turns"
          : `${CONNECTIONS} in flight, pool of 10`,
    },
    rates,
  );
}

async function authCeilings(plan: Plan): Promise<CaseResult[]> {
  const args = [
    join(HERE, "token-verify.ts"),
    String(plan.warmupSeconds),
    String(plan.runSeconds),
    String(plan.runs),
  ];
  const rates = await childJson<{ uncached: number[]; cached: number[] }>(args);
  const command = `bun bench/ceilings/token-verify.ts ${args.slice(1).join(" ")}`;
  return [
    fromRates(
      {
        group: "ceiling: auth",
        name: "ES256 token verification (no cache)",
        dialect: "-",
        unit: "verifies/s",
        command,
      },
      rates.uncached,
    ),
    fromRates(
      {
        group: "ceiling: auth",
        name: "token verification, cached result",
        dialect: "-",
        unit: "verifies/s",
        command,
      },
      rates.cached,
    ),
  ];
}

/** Every ceiling, in the order the report lists them. */
export async function measureCeilings(
  plan: Plan,
  workDir: string,
  dialects: readonly ("sqlite" | "postgres")[],
): Promise<CaseResult[]> {
  const results = await httpCeilings(plan, workDir);
  for (const dialect of dialects) results.push(await storageCeiling(plan, dialect));
  results.push(...(await authCeilings(plan)));
  return results;
}
