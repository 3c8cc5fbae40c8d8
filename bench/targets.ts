/**
 * Each service figure beside the ceilings it runs into, and the targets: which ceiling
 * binds (the one the figure comes closest to) and whether each target is met.
 */
import type { CaseResult } from "./measure";

export interface Ratio {
  ceiling: string;
  ratio: number;
}

/** A Bun case (targets and ceilings are Bun's; the Deno cases are compared in `cases/deno.ts`). */
const find = (results: readonly CaseResult[], group: string, name: string, dialect = "-") =>
  results.find(
    (result) =>
      result.runtime !== "deno" &&
      result.group === group &&
      result.name === name &&
      result.dialect === dialect,
  );

const HTTP_POST = "Elysia POST TypeBox body";
const HTTP_GET = "Elysia GET JSON";
const STORAGE = "raw event appends, 1 row per transaction";

/** The ceilings a case is measured against (HTTP and, for writes, storage of its dialect). */
export function ratiosOf(result: CaseResult, all: readonly CaseResult[]): Ratio[] {
  if (result.group.startsWith("ceiling") || result.group === "sign-in") return [];
  const ratios: Ratio[] = [];
  const add = (ceiling: CaseResult | undefined, label: string) => {
    if (ceiling !== undefined)
      ratios.push({ ceiling: label, ratio: result.rps.median / ceiling.rps.median });
  };
  const writes = result.group === "tracking" || result.group === "claims";
  add(find(all, "ceiling: HTTP", writes ? HTTP_POST : HTTP_GET), writes ? "HTTP POST" : "HTTP GET");
  if (writes)
    add(find(all, "ceiling: storage", STORAGE, result.dialect), `${result.dialect} appends`);
  return ratios;
}

/** Below this share of every ceiling, no ceiling is what holds a figure back. */
const BINDING_SHARE = 0.5;

/**
 * What limits a figure: the ceiling it comes closest to, once it reaches half of it; below that,
 * the service's own work per request (what its CPU profile shows), not the machine's ceilings.
 */
export function bindingCeiling(ratios: readonly Ratio[]): string | undefined {
  const closest = ratios.reduce<Ratio | undefined>(
    (best, ratio) => (best === undefined || ratio.ratio > best.ratio ? ratio : best),
    undefined,
  );
  if (closest === undefined) return undefined;
  return closest.ratio >= BINDING_SHARE ? closest.ceiling : "own work per request";
}

export interface TargetRow {
  target: string;
  measured: string;
  ok: boolean;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

export function evaluateTargets(all: readonly CaseResult[]): TargetRow[] {
  const rows: TargetRow[] = [];
  const post = find(all, "ceiling: HTTP", HTTP_POST);
  const get = find(all, "ceiling: HTTP", HTTP_GET);
  const sqliteTrack = find(all, "tracking", "POST /track/actions direct", "sqlite");
  if (post && sqliteTrack) {
    const ratio = sqliteTrack.rps.median / post.rps.median;
    const p99 = sqliteTrack.p99Ms?.median ?? Number.NaN;
    rows.push({
      target: "Tracking on SQLite ≥ 25% of the Elysia POST ceiling, p99 ≤ 20 ms (64 connections)",
      measured: `${Math.round(sqliteTrack.rps.median)} req/s = ${percent(ratio)} of ${Math.round(post.rps.median)}; p99 ${p99.toFixed(1)} ms`,
      ok: ratio >= 0.25 && p99 <= 20,
    });
  }
  const pgTrack = find(all, "tracking", "POST /track/actions direct", "postgres");
  const pgRaw = find(all, "ceiling: storage", STORAGE, "postgres");
  if (pgTrack && pgRaw) {
    const ratio = pgTrack.rps.median / pgRaw.rps.median;
    rows.push({
      target: "Tracking on Postgres ≥ 50% of raw single-row append transactions (same concurrency)",
      measured: `${Math.round(pgTrack.rps.median)} req/s = ${percent(ratio)} of ${Math.round(pgRaw.rps.median)} tx/s`,
      ok: ratio >= 0.5,
    });
  }
  for (const dialect of ["sqlite", "postgres"]) {
    const cached = find(all, "catalog GetQuest", "REST direct, in-process cache", dialect);
    if (get && cached) {
      const ratio = cached.rps.median / get.rps.median;
      rows.push({
        target: `Catalog GetQuest (cached, REST) ≥ 50% of the Elysia GET ceiling (${dialect})`,
        measured: `${Math.round(cached.rps.median)} req/s = ${percent(ratio)} of ${Math.round(get.rps.median)}`,
        ok: ratio >= 0.5,
      });
    }
  }
  return rows;
}
