/**
 * The same system on Deno: tracking (via the gateway and direct) and cached `GetQuest` over REST, on
 * the dialect just measured on Bun, each reported beside the Bun figure of the same run as a ratio.
 * The Deno cases carry `runtime: "deno"`; everything else in a run is on Bun.
 */
import type { CaseResult, Plan } from "../measure";
import { type Dialect, startBenchSystem } from "../system";
import { cachedRestCase } from "./catalog";
import type { CaseContext } from "./context";
import { trackActionsCase } from "./tracking";

/** The cases compared across runtimes, by group and name. */
export const COMPARED = [
  { group: "catalog GetQuest", name: "REST direct, in-process cache" },
  { group: "tracking", name: "POST /track/actions via gateway" },
  { group: "tracking", name: "POST /track/actions direct" },
] as const;

export async function denoCases(plan: Plan, dialect: Dialect, workDir: string) {
  console.log(`\n${dialect} on Deno: starting the system (${plan.users} users)…`);
  const bench = await startBenchSystem(dialect, plan.users, { runtime: "deno" });
  const context: CaseContext = { bench, plan, workDir };
  try {
    // In the order the Bun system ran them: reads first, then tracking via the gateway, then direct.
    const results = [
      await cachedRestCase(context),
      await trackActionsCase(context, "gateway"),
      await trackActionsCase(context, "direct"),
    ];
    return results.map((result): CaseResult => ({ ...result, runtime: "deno" }));
  } finally {
    await bench.system.shutdown();
  }
}

export interface RuntimeRatio {
  group: string;
  name: string;
  dialect: string;
  bun: number;
  deno: number;
  /** Deno's median over Bun's. */
  ratio: number;
}

/** Each Deno case beside the Bun case of the same group, name and storage. */
export function runtimeRatios(results: readonly CaseResult[]): RuntimeRatio[] {
  return results
    .filter((result) => result.runtime === "deno")
    .flatMap((deno) => {
      const bun = results.find(
        (result) =>
          result.runtime !== "deno" &&
          result.group === deno.group &&
          result.name === deno.name &&
          result.dialect === deno.dialect,
      );
      if (bun === undefined) return [];
      return [
        {
          group: deno.group,
          name: deno.name,
          dialect: deno.dialect,
          bun: bun.rps.median,
          deno: deno.rps.median,
          ratio: deno.rps.median / bun.rps.median,
        },
      ];
    });
}
