/**
 * Keeps the bench from rotting: `bun run bench --smoke` (one 1-second run per case) must finish
 * and write a well-formed report, the Deno comparison included (so it needs Deno as it needs wrk).
 * The figures of a smoke run are not checked: no timing asserts.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach, describeNeeding } from "@questline/kit/testing/variants";
import { runtimeMissing } from "../tests/support/setups";
import { COMPARED } from "./cases/deno";
import type { Report } from "./report";

const wrkMissing =
  Bun.which("wrk") === null ? "wrk not on the PATH (apt-get install -y wrk)" : undefined;
const denoMissing = runtimeMissing("deno");

const dialects = await testDialects();

describeNeeding("the smoke bench", wrkMissing ?? denoMissing, () => {
  describeEach("on %s", dialects, (dialect) => {
    test("writes a table with every case, its ceilings and the contention check", async () => {
      const out = mkdtempSync(join(tmpdir(), "questline-bench-smoke-test-"));
      try {
        const args = ["bun", "run", join(import.meta.dir, "run.ts"), "--smoke", "--out", out];
        const child = Bun.spawn([...args, "--only", dialect], { stdout: "pipe", stderr: "pipe" });
        const [stdout, stderr, code] = await Promise.all([
          new Response(child.stdout).text(),
          new Response(child.stderr).text(),
          child.exited,
        ]);
        if (code !== 0) console.error(stdout, stderr);
        expect(code).toBe(0);

        const report = JSON.parse(readFileSync(join(out, "smoke.json"), "utf8")) as Report;
        // Rows that need no storage (the HTTP ceilings) have the dialect "-".
        const dialectsSeen = new Set(report.results.map((result) => result.dialect));
        expect([...dialectsSeen].filter((seen) => seen !== "-")).toEqual([dialect]);
        const groups = new Set(
          report.results
            .filter((result) => result.dialect === dialect && result.runtime !== "deno")
            .map((result) => result.group),
        );
        const onDeno = report.results.filter((result) => result.runtime === "deno");
        expect(onDeno.map(({ group, name }) => ({ group, name }))).toEqual([...COMPARED]);
        expect([...groups].sort()).toEqual([
          "catalog GetQuest",
          "ceiling: storage",
          "claims",
          "sign-in",
          "tracking",
        ]);
        for (const result of report.results) {
          expect(result.rps.median).toBeGreaterThan(0);
          expect(result.command.length).toBeGreaterThan(0);
        }
        expect(report.checks.map((check) => check.ok)).toEqual([true]);
        expect(report.memory).toHaveLength(4);
        expect(report.targets.length).toBeGreaterThan(0);

        const markdown = readFileSync(join(out, "smoke.md"), "utf8");
        const header =
          "| group | case | storage | median | min–max | p50 ms | p99 ms | events/s | errors | of ceiling | binds |";
        expect(markdown).toContain(header);
        const table =
          markdown.split(header)[1]?.split("\n\n")[0]?.trim().split("\n").slice(1) ?? [];
        expect(table).toHaveLength(report.results.length);
        for (const row of table) expect(row.split("|")).toHaveLength(13);
        const ratios = markdown.split("| case | storage | Bun | Deno | Deno / Bun |")[1];
        const ratioRows = ratios?.split("\n\n")[0]?.trim().split("\n").slice(1) ?? [];
        expect(ratioRows).toHaveLength(COMPARED.length);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 240_000);
  });
});
