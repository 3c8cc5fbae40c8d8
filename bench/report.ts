/**
 * Writes a run as JSON (everything) and as a Markdown table (for people), under `bench/results/`:
 * `<date>.json` / `<date>.md`, plus `latest.md` / `latest.json` that the README links.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Check } from "./cases/context";
import { runtimeRatios } from "./cases/deno";
import type { MemoryRow } from "./cases/memory";
import type { Environment } from "./environment";
import type { CaseResult, Plan, Stat } from "./measure";
import { bindingCeiling, ratiosOf, type TargetRow } from "./targets";

export interface Report {
  environment: Environment;
  plan: Plan;
  command: string;
  results: CaseResult[];
  checks: Check[];
  memory: MemoryRow[];
  targets: TargetRow[];
  runtimeSeconds: number;
}

export const RESULTS_DIR = join(import.meta.dirname, "results");

const rate = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–";
const ms = (stat: Stat | undefined) =>
  stat && Number.isFinite(stat.median) ? stat.median.toFixed(1) : "–";
const spread = (stat: Stat) =>
  stat.median > 0 ? `±${((100 * (stat.max - stat.min)) / 2 / stat.median).toFixed(0)}%` : "–";

function resultRow(result: CaseResult, all: readonly CaseResult[]): string {
  const ratios = ratiosOf(result, all);
  const binding = bindingCeiling(ratios);
  const ratioText = ratios
    .map((ratio) => `${(ratio.ratio * 100).toFixed(0)}% of ${ratio.ceiling}`)
    .join(", ");
  const events = result.extra["events/s"];
  const storage = result.runtime === "deno" ? `${result.dialect} on Deno` : result.dialect;
  return `| ${result.group} | ${result.name} | ${storage} | ${rate(result.rps.median)} ${result.unit} | ${rate(result.rps.min)}–${rate(result.rps.max)} (${spread(result.rps)}) | ${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${events ? rate(events.median) : "–"} | ${result.errors} | ${ratioText || "–"} | ${binding ?? "–"} |`;
}

/** The Markdown table a smoke test checks; one header, one row per case. */
export function markdownOf(report: Report): string {
  const { environment: env, plan } = report;
  const lines = [
    `# Questline benchmark${plan.smoke ? " (smoke: not figures to quote)" : ""}`,
    "",
    `${env.date} · ${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB · ${env.os} · commit ${env.commit}`,
    "",
    `Bun ${env.bun} · Deno ${env.deno} · wrk ${env.wrk} · PostgreSQL ${env.postgres} · ${Object.entries(
      env.packages,
    )
      .map(([name, version]) => `${name} ${version}`)
      .join(" · ")}`,
    "",
    `\`${report.command}\`: ${plan.runs} run(s) of ${plan.runSeconds} s per case after ${plan.warmupSeconds} s of warm-up; median, min–max (± half the range); ${plan.users} users; services in production mode (NODE_ENV=production, LOG_LEVEL=warn, gateway rate limits raised); load generator on the same machine. Total ${Math.round(report.runtimeSeconds)} s.`,
    "",
    "## Targets",
    "",
    "| target | measured | met |",
    "|---|---|---|",
    ...report.targets.map(
      (row) => `| ${row.target} | ${row.measured} | ${row.ok ? "yes" : "**no**"} |`,
    ),
    "",
    "## Results",
    "",
    "| group | case | storage | median | min–max | p50 ms | p99 ms | events/s | errors | of ceiling | binds |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...report.results.map((result) => resultRow(result, report.results)),
    "",
    "## Deno / Bun",
    "",
    "The same cases with every service on Deno, measured in the same run right after the Bun system of the same storage; the ratio is Deno's median over Bun's.",
    "",
    "| case | storage | Bun | Deno | Deno / Bun |",
    "|---|---|---|---|---|",
    ...runtimeRatios(report.results).map(
      (row) =>
        `| ${row.group} / ${row.name} | ${row.dialect} | ${rate(row.bun)} | ${rate(row.deno)} | ${row.ratio.toFixed(2)} |`,
    ),
    "",
    "## Checks",
    "",
    "| storage | check | expected | observed | ok |",
    "|---|---|---|---|---|",
    ...report.checks.map(
      (check) =>
        `| ${check.dialect} | ${check.name} | ${check.expected} | ${check.observed} | ${check.ok ? "yes" : "**no**"} |`,
    ),
    "",
    "## Resident memory (MiB)",
    "",
    "Idle: after start-up and the bench's sign-ups, before any load; peak: the highest reading while the cases ran.",
    "",
    "| storage | service | idle | peak under load |",
    "|---|---|---|---|",
    ...report.memory.map(
      (row) =>
        `| ${row.dialect} | ${row.service} | ${row.idleMiB.toFixed(0)} | ${row.peakMiB.toFixed(0)} |`,
    ),
    "",
    "## Notes and exact commands",
    "",
    ...report.results.map(
      (result) =>
        `- ${result.group} / ${result.name} (${result.dialect}${result.runtime === "deno" ? " on Deno" : ""}): \`${result.command}\`${result.note ? `; ${result.note}` : ""}`,
    ),
    "",
  ];
  return lines.join("\n");
}

/** Writes the run and returns the Markdown path. */
export function writeReport(report: Report, directory = RESULTS_DIR): string {
  mkdirSync(directory, { recursive: true });
  const stamp = report.environment.date.replace(/[:.]/g, "-");
  const name = report.plan.smoke ? "smoke" : stamp;
  const markdown = markdownOf(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(directory, `${name}.json`), json);
  writeFileSync(join(directory, `${name}.md`), markdown);
  if (!report.plan.smoke) {
    writeFileSync(join(directory, "latest.json"), json);
    writeFileSync(join(directory, "latest.md"), markdown);
  }
  return join(directory, `${name}.md`);
}
