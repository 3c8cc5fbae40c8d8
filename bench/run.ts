/**
 * `bun run bench [--smoke] [--only sqlite|postgres] [--no-deno] [--out DIR]`: the ceilings, then
 * the whole system on SQLite and on Postgres (tracking, claims, contention, catalog reads, sign-in,
 * memory), each followed by the same system on Deno for the compared cases (`cases/deno.ts`), all
 * in one run, written to `bench/results/` (smoke runs to a temporary folder unless `--out`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { postgresMissing } from "@questline/kit/testing/postgres";
import { DENO_VERSION, denoBinary } from "../scripts/dev/runtimes";
import { catalogCases } from "./cases/catalog";
import { claimCase, contentionCheck } from "./cases/claims";
import type { CaseContext, Check } from "./cases/context";
import { denoCases } from "./cases/deno";
import { type MemoryRow, startMemorySampler } from "./cases/memory";
import { signinCase } from "./cases/signin";
import { trackingCases } from "./cases/tracking";
import { measureCeilings } from "./ceilings";
import { describeEnvironment } from "./environment";
import { type CaseResult, FULL_PLAN, type Plan, SMOKE_PLAN } from "./measure";
import { RESULTS_DIR, writeReport } from "./report";
import { type Dialect, startBenchSystem } from "./system";
import { evaluateTargets } from "./targets";
import { requireWrk } from "./wrk";

const { values } = parseArgs({
  args: Bun.argv.slice(2),
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
    "no-deno": { type: "boolean", default: false },
  },
});

async function benchDialect(plan: Plan, dialect: Dialect, workDir: string) {
  console.log(`\n${dialect}: starting the system (${plan.users} users)…`);
  const bench = await startBenchSystem(dialect, plan.users);
  const context: CaseContext = { bench, plan, workDir };
  try {
    const sampler = await startMemorySampler(bench);
    // Reads first: the write cases leave work behind (grants to deliver, WAL to checkpoint).
    const cases: CaseResult[] = [...(await catalogCases(context)), await signinCase(context)];
    cases.push(...(await trackingCases(context)), await claimCase(context));
    const checks: Check[] = [await contentionCheck(context)];
    return { cases, checks, memory: await sampler.stop() };
  } finally {
    await bench.system.shutdown();
  }
}

async function main() {
  requireWrk();
  const started = performance.now();
  const plan = values.smoke ? SMOKE_PLAN : FULL_PLAN;
  const dialects: Dialect[] =
    values.only === "sqlite" || values.only === "postgres" ? [values.only] : ["sqlite", "postgres"];
  if (dialects.includes("postgres") && (await postgresMissing()) !== undefined) {
    console.error(
      "Postgres is not reachable (TEST_DATABASE_URL or 127.0.0.1:5432): start it, or pass --only sqlite.",
    );
    process.exit(2);
  }
  const withDeno = !values["no-deno"];
  if (withDeno && denoBinary() === undefined) {
    console.error(
      `Deno ${DENO_VERSION} is not found: run \`npm run bench\` (the bootstrap installs it), set QUESTLINE_DENO, or pass --no-deno.`,
    );
    process.exit(2);
  }
  const workDir = mkdtempSync(`${tmpdir()}/questline-bench-`);
  const environment = await describeEnvironment(withDeno);
  const results: CaseResult[] = [];
  const checks: Check[] = [];
  const memory: MemoryRow[] = [];
  try {
    console.log("ceilings…");
    results.push(...(await measureCeilings(plan, workDir, dialects)));
    for (const dialect of dialects) {
      const outcome = await benchDialect(plan, dialect, workDir);
      results.push(...outcome.cases);
      checks.push(...outcome.checks);
      memory.push(...outcome.memory);
      if (withDeno) results.push(...(await denoCases(plan, dialect, workDir)));
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const out =
    values.out ?? (plan.smoke ? mkdtempSync(`${tmpdir()}/questline-bench-smoke-`) : RESULTS_DIR);
  const path = writeReport(
    {
      environment,
      plan,
      command: `bun run bench${Bun.argv.slice(2).length > 0 ? ` ${Bun.argv.slice(2).join(" ")}` : ""}`,
      results,
      checks,
      memory,
      targets: evaluateTargets(results),
      runtimeSeconds: (performance.now() - started) / 1000,
    },
    out,
  );
  console.log(`\nwritten: ${path}`);
  if (checks.some((check) => !check.ok)) {
    console.error("a correctness check failed: see the Checks section");
    process.exit(1);
  }
}

await main();
