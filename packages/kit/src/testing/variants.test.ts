import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { isCI } from "./env";

/** Runs testdata/variants-suite.ts under `bun test` with `CI` as given; its per-test lines. */
async function runSuite(ci: string | undefined) {
  const env = { ...process.env, CI: ci };
  const child = Bun.spawn(["bun", "test", "./variants-suite.ts"], {
    cwd: join(import.meta.dir, "testdata"),
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stderr, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  const lines = stderr.split("\n");
  const outcomes = lines
    .filter((line) => /^\((pass|fail|skip)\) /.test(line))
    .map((line) => line.replace(/ \[[\d.]+m?s\]$/, ""))
    // Bun lists a skipped suite's beforeAll as a skipped "(unnamed)" test (the test command drops it).
    .filter((line) => !line.endsWith("> (unnamed)"));
  return { outcomes, notices: lines.filter((line) => line.startsWith("SKIP: ")), code };
}

describe("describeEach", () => {
  test("runs the variants that can run and counts every test of a missing one as skipped", async () => {
    const run = await runSuite(undefined);
    expect(run.outcomes).toEqual([
      "(pass) suite on here > first",
      "(pass) suite on here > second",
      "(skip) suite on away > first",
      "(skip) suite on away > second",
    ]);
    expect(run.notices).toEqual(["SKIP: suite on away: Away not reachable at nowhere:1"]);
    expect(run.code).toBe(0);
  }, 30_000);

  test("under CI a missing variant is a failing test that says what is missing", async () => {
    const run = await runSuite("1");
    expect(run.outcomes).toEqual([
      "(pass) suite on here > first",
      "(pass) suite on here > second",
      "(fail) suite on away",
    ]);
    expect(run.code).toBe(1);
  }, 30_000);
});

describe("isCI", () => {
  test("any value CI services use counts; unset, empty or an explicit no does not", () => {
    for (const value of ["true", "1", "yes", "TRUE", "on", "github-actions"]) {
      expect(isCI({ CI: value })).toBe(true);
    }
    for (const value of [undefined, "", "0", "false", "no", "off", " False "]) {
      expect(isCI({ CI: value })).toBe(false);
    }
  });
});
