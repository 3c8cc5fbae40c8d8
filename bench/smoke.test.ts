/**
 * Keeps the bench from rotting: `bun run bench --smoke` (one 1-second run per case) must finish
 * and write a well-formed report. The figures of a smoke run are not checked: no timing asserts.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportAvailability } from "@questline/kit/testing/env";
import { postgresAvailable } from "@questline/kit/testing/postgres";
import { DENO_VERSION, denoBinary } from "../scripts/dev/runtimes";
import { COMPARED } from "./cases/deno";
import type { Report } from "./report";

const hasWrk = reportAvailability(
  "wrk",
  "PATH (apt-get install -y wrk)",
  Bun.which("wrk") !== null,
);
const withPostgres = await postgresAvailable();
const withDeno = reportAvailability(
  `Deno ${DENO_VERSION}`,
  "QUESTLINE_DENO",
  denoBinary() !== undefined,
);

test.skipIf(!hasWrk)(
  "the smoke bench writes a table with every case, its ceilings and the contention check",
  async () => {
    const out = mkdtempSync(join(tmpdir(), "questline-bench-smoke-test-"));
    try {
      const args = ["bun", "run", join(import.meta.dir, "run.ts"), "--smoke", "--out", out];
      if (!withPostgres) args.push("--only", "sqlite");
      if (!withDeno) args.push("--no-deno");
      const child = Bun.spawn(args, { stdout: "pipe", stderr: "pipe" });
      const [stdout, stderr, code] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
      ]);
      if (code !== 0) console.error(stdout, stderr);
      expect(code).toBe(0);

      const report = JSON.parse(readFileSync(join(out, "smoke.json"), "utf8")) as Report;
      const dialects = withPostgres ? ["sqlite", "postgres"] : ["sqlite"];
      for (const dialect of dialects) {
        const groups = new Set(
          report.results
            .filter((r) => r.dialect === dialect && r.runtime !== "deno")
            .map((r) => r.group),
        );
        expect([...groups].sort()).toEqual([
          "catalog GetQuest",
          "ceiling: storage",
          "claims",
          "sign-in",
          "tracking",
        ]);
      }
      const onDeno = report.results.filter((r) => r.runtime === "deno");
      const compared = withDeno
        ? dialects.flatMap((dialect) => COMPARED.map((c) => ({ ...c, dialect })))
        : [];
      expect(onDeno.map(({ group, name, dialect }) => ({ group, name, dialect }))).toEqual(
        expect.arrayContaining(compared),
      );
      expect(onDeno).toHaveLength(compared.length);
      for (const result of report.results) {
        expect(result.rps.median).toBeGreaterThan(0);
        expect(result.command.length).toBeGreaterThan(0);
      }
      expect(report.checks.map((check) => check.ok)).toEqual(dialects.map(() => true));
      expect(report.memory).toHaveLength(dialects.length * 4);
      expect(report.targets.length).toBeGreaterThan(0);

      const markdown = readFileSync(join(out, "smoke.md"), "utf8");
      const header =
        "| group | case | storage | median | min–max | p50 ms | p99 ms | events/s | errors | of ceiling | binds |";
      expect(markdown).toContain(header);
      const table = markdown.split(header)[1]?.split("\n\n")[0]?.trim().split("\n").slice(1) ?? [];
      expect(table).toHaveLength(report.results.length);
      for (const row of table) expect(row.split("|")).toHaveLength(13);
      const ratios = markdown.split("| case | storage | Bun | Deno | Deno / Bun |")[1];
      const ratioRows = ratios?.split("\n\n")[0]?.trim().split("\n").slice(1) ?? [];
      expect(ratioRows).toHaveLength(compared.length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
  300_000,
);
