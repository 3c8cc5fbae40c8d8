/**
 * How every case is measured: a warm-up (not recorded), then the same run several times; the
 * median is the figure, the spread (min–max) says how much the machine wandered.
 */
export interface Plan {
  /** `--smoke`: one short run per case, no warm-up; proves the bench works, not how fast. */
  smoke: boolean;
  warmupSeconds: number;
  runSeconds: number;
  runs: number;
  /** Users signed up per system (the load cycles through them). */
  users: number;
}

export const FULL_PLAN: Plan = {
  smoke: false,
  warmupSeconds: 2,
  runSeconds: 4,
  runs: 3,
  users: 100,
};
export const SMOKE_PLAN: Plan = { smoke: true, warmupSeconds: 0, runSeconds: 1, runs: 1, users: 8 };

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(values: readonly number[]): Stat {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** One measured figure set of a case: rate, latency, and anything the case counts itself. */
export interface Sample {
  rps: number;
  p50Ms?: number;
  p99Ms?: number;
  errors?: number;
  /** Extra per-run figures, e.g. events appended per second. */
  extra?: Record<string, number>;
}

export interface CaseResult {
  group: string;
  name: string;
  dialect: "sqlite" | "postgres" | "-";
  /** Where the services ran: Bun unless said (the Deno comparison cases). */
  runtime?: "deno";
  /** What the figure counts (req/s, verifications/s, transactions/s). */
  unit: string;
  rps: Stat;
  p50Ms?: Stat;
  p99Ms?: Stat;
  errors: number;
  extra: Record<string, Stat>;
  command: string;
  note?: string;
}

/** Runs `once` for the warm-up and then `plan.runs` times, and folds the samples. */
export async function measure(
  plan: Plan,
  describe: Omit<CaseResult, "rps" | "p50Ms" | "p99Ms" | "errors" | "extra">,
  once: (seconds: number) => Promise<Sample>,
): Promise<CaseResult> {
  if (plan.warmupSeconds > 0) await once(plan.warmupSeconds);
  const samples: Sample[] = [];
  for (let run = 0; run < plan.runs; run++) samples.push(await once(plan.runSeconds));
  const optional = (pick: (sample: Sample) => number | undefined) => {
    const values = samples.map(pick).filter((value): value is number => value !== undefined);
    return values.length > 0 ? stat(values) : undefined;
  };
  const extraNames = new Set(samples.flatMap((sample) => Object.keys(sample.extra ?? {})));
  const extra: Record<string, Stat> = {};
  for (const name of extraNames)
    extra[name] = stat(samples.map((sample) => sample.extra?.[name] ?? Number.NaN));
  const result: CaseResult = {
    ...describe,
    rps: stat(samples.map((sample) => sample.rps)),
    p50Ms: optional((sample) => sample.p50Ms),
    p99Ms: optional((sample) => sample.p99Ms),
    errors: samples.reduce((sum, sample) => sum + (sample.errors ?? 0), 0),
    extra,
  };
  const p99 = result.p99Ms ? ` p99 ${result.p99Ms.median.toFixed(1)} ms` : "";
  console.log(
    `  ${describe.dialect.padEnd(8)} ${describe.group} / ${describe.name}: ${Math.round(result.rps.median)} ${describe.unit}${p99}${result.errors > 0 ? ` (${result.errors} errors)` : ""}`,
  );
  return result;
}
