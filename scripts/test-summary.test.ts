import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verdictOf } from "./test-summary";

const testdata = join(import.meta.dir, "testdata");
const recorded = (name: string) =>
  readFileSync(join(testdata, "bun-output", `${name}.txt`), "utf8");

describe("the summary of recorded Bun runs", () => {
  const todo = "1 todo (not run) counted as skipped";
  const errors = (count: number) => `${count} error(s) outside a passing test counted as failed`;
  test.each([
    // Bun printed ` 21 skip`: seven of them are `(unnamed)` beforeAll/afterAll hooks.
    [
      "skips",
      "without the hooks Bun lists as skipped tests",
      0,
      "10 passed, 0 failed, 14 skipped",
      [],
    ],
    // ` 2 fail` and ` 2 errors`: the guard is in both, the stray rejection only in the second.
    [
      "fail-guard-rejection",
      "a failed test, a guard throwing on load and an error outside tests: three failures",
      1,
      "1 passed, 3 failed, 2 skipped",
      [todo, errors(2)],
    ],
    // After many files Bun repeats the failed and skipped tests: only the first listing counts.
    [
      "recap",
      "the tests, not Bun's recap of them",
      1,
      "25 passed, 2 failed, 2 skipped",
      [todo, errors(1)],
    ],
  ] as const)("%s: %s", (name, _what, exitCode, line, notes) => {
    expect(verdictOf(recorded(name), { exitCode })).toEqual({
      kind: "summary",
      line,
      notes: [...notes],
      exitCode,
    });
  });

  test("a run that bailed out printed no counts: no summary, a non-zero exit", () => {
    const verdict = verdictOf(recorded("bail"), { exitCode: 1 });
    expect(verdict).toMatchObject({ kind: "refusal", exitCode: 1 });
    expect(verdict.kind === "refusal" && verdict.reason).toContain("no ' N pass', ' N fail' line");
  });

  test("a changed output format is refused, not read as zeros, even when Bun exits 0", () => {
    const reformatted = "Tests: 12 passed, 1 skipped\nTime: 3.2 s\n";
    const verdict = verdictOf(reformatted, { exitCode: 0 });
    expect(verdict).toMatchObject({ kind: "refusal", exitCode: 1 });
  });

  test("counts that do not add up to the tests run are refused", () => {
    const partial = " 3 pass\n 0 fail\nRan 5 tests across 1 file. [3.00ms]\n";
    expect(verdictOf(partial, { exitCode: 0 })).toMatchObject({ kind: "refusal", exitCode: 1 });
  });

  test("a non-zero exit without a failure is said as such, not turned into a made-up failure", () => {
    const clean = " 2 pass\n 0 fail\nRan 2 tests across 1 file. [3.00ms]\n";
    const exited = verdictOf(clean, { exitCode: 3 });
    expect(exited).toMatchObject({ kind: "summary", line: "2 passed, 0 failed, 0 skipped" });
    expect(exited.exitCode).toBe(3);
    expect(exited.kind === "summary" && exited.notes).toEqual([
      "bun test exited 3 though no test failed and no error was reported; see its output above",
    ]);
    const killed = verdictOf("", { exitCode: null, signal: "SIGKILL" });
    expect(killed).toMatchObject({ kind: "refusal", exitCode: 1 });
    expect(killed.kind === "refusal" && killed.reason).toStartWith(
      "bun test was killed by SIGKILL",
    );
  });
});

describe("the test command on real suites", () => {
  const run = async (...files: string[]) => {
    const child = Bun.spawn(
      ["bun", "run", join(import.meta.dir, "test.ts"), ...files.map((file) => `./${file}`)],
      { cwd: testdata, stdout: "pipe", stderr: "pipe" },
    );
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { lastLine: stdout.trim().split("\n").at(-1), stderr, code };
  };

  test("a failing test, a throwing guard and a stray rejection: three failed, exit 1", async () => {
    const result = await run("mixed-suite.ts", "guard-suite.ts", "rejection-suite.ts");
    expect(result.lastLine).toBe("1 passed, 3 failed, 2 skipped");
    expect(result.code).toBe(1);
  }, 30_000);

  test("a guard that throws alone is one failure, not two", async () => {
    const result = await run("guard-suite.ts");
    expect([result.lastLine, result.code]).toEqual(["0 passed, 1 failed, 0 skipped", 1]);
  }, 30_000);

  test("no test file matched: Bun's message, no summary, a non-zero exit", async () => {
    const result = await run("no-such-suite.ts");
    expect(result.lastLine).not.toMatch(/passed, .* failed/);
    expect(result.stderr).toContain("test: bun test exited 1 and its summary could not be read");
    expect(result.code).toBe(1);
  }, 30_000);
});
