/**
 * Reads the summary `bun test` writes to stderr and turns it into the one line CI reads,
 * `N passed, N failed, N skipped`, or refuses when it cannot read it: a summary made of zeros
 * because the format changed would pass a broken run.
 *
 * Bun's accounting, as recorded in scripts/testdata/bun-output/: ` N pass`, ` N fail` and
 * `Ran N tests across M files.` are always printed; ` N skip`, ` N todo` and ` N error(s)` only when
 * not zero; `pass + skip + todo + fail` is the number ran. A file that throws while it loads is
 * counted as one failed test and one error; an error outside any test (a promise nobody awaited)
 * as an error alone. So failures are the larger of Bun's `fail` and the failed tests it names
 * (`(fail) …` lines) plus its errors: every error counts once, and none twice.
 *
 * Bun 1.4 also lists a `beforeAll`/`afterAll` hook of a skipped `describe` as a skipped test named
 * `(unnamed)` (upstream: oven-sh/bun pull request 35502): those are hooks, not tests, and are not
 * counted as skipped. After a run of many files Bun repeats the skipped, todo and failed tests under
 * `N tests skipped:` and the like; only the lines before that recap are read.
 */

export interface BunCounts {
  pass: number;
  fail: number;
  skip: number;
  todo: number;
  error: number;
  ran: number;
  /** `(fail) <name>` lines: the tests Bun names as failed. */
  namedFailures: number;
  /** `(skip) … > (unnamed)` lines: hooks of a skipped suite that Bun counted as skipped tests. */
  skippedHooks: number;
  /** The same for `describe.todo`. */
  todoHooks: number;
}

export type Verdict =
  | { kind: "summary"; line: string; notes: string[]; exitCode: number }
  | { kind: "refusal"; reason: string; exitCode: number };

const COUNT_LINE = /^\s*(\d+) (pass|fail|skip|todo|errors?)\s*$/;
const RAN_LINE = /^Ran (\d+) tests? across \d+ files?\./;
const RECAP_LINE = /^\d+ tests? (skipped|todo|failed):$/;
const HOOK_LINE = /^\((skip|todo)\) (.* > )?\(unnamed\)$/;

/** The counts found in Bun's output; a count Bun did not print is absent. */
export function readCounts(output: string): Partial<BunCounts> {
  const counts: Partial<BunCounts> = { namedFailures: 0, skippedHooks: 0, todoHooks: 0 };
  let inRecap = false;
  for (const line of output.split("\n")) {
    const count = COUNT_LINE.exec(line);
    if (count?.[1] && count[2]) {
      const name = count[2].startsWith("error") ? "error" : (count[2] as keyof BunCounts);
      counts[name] = Number(count[1]);
      continue;
    }
    const ran = RAN_LINE.exec(line);
    if (ran?.[1]) counts.ran = Number(ran[1]);
    if (RECAP_LINE.test(line)) inRecap = true;
    if (inRecap) continue;
    if (line.startsWith("(fail) ")) counts.namedFailures = (counts.namedFailures ?? 0) + 1;
    const hook = HOOK_LINE.exec(line)?.[1];
    if (hook === "skip") counts.skippedHooks = (counts.skippedHooks ?? 0) + 1;
    if (hook === "todo") counts.todoHooks = (counts.todoHooks ?? 0) + 1;
  }
  return counts;
}

/** What the test command prints and exits with, given Bun's stderr and exit status. */
export function verdictOf(
  output: string,
  bun: { exitCode: number | null; signal?: string },
): Verdict {
  const failedExit = bun.exitCode !== null && bun.exitCode !== 0 ? bun.exitCode : 1;
  const counts = readCounts(output);
  const { pass, fail, ran } = counts;
  if (pass === undefined || fail === undefined || ran === undefined) {
    const missing = [
      pass === undefined && "' N pass'",
      fail === undefined && "' N fail'",
      ran === undefined && "'Ran N tests across M files.'",
    ].filter(Boolean);
    const how = bun.signal
      ? `bun test was killed by ${bun.signal}`
      : `bun test exited ${bun.exitCode}`;
    return {
      kind: "refusal",
      reason: `${how} and its summary could not be read (no ${missing.join(", ")} line): no counts to report`,
      exitCode: failedExit,
    };
  }
  const { skip = 0, todo = 0, error = 0, namedFailures = 0 } = counts;
  const { skippedHooks = 0, todoHooks = 0 } = counts;
  if (pass + fail + skip + todo !== ran) {
    return {
      kind: "refusal",
      reason: `Bun's counts do not add up: ${pass} pass + ${fail} fail + ${skip} skip + ${todo} todo is not the ${ran} tests it ran`,
      exitCode: failedExit,
    };
  }
  const failed = Math.max(fail, namedFailures + error);
  const notes: string[] = [];
  if (todo > todoHooks) notes.push(`${todo - todoHooks} todo (not run) counted as skipped`);
  if (error > 0) notes.push(`${error} error(s) outside a passing test counted as failed`);
  let exitCode = 0;
  if (failed > 0) exitCode = failedExit;
  else if (bun.exitCode !== 0) {
    exitCode = failedExit;
    notes.push(
      bun.signal
        ? `bun test was killed by ${bun.signal} though no test failed`
        : `bun test exited ${bun.exitCode} though no test failed and no error was reported; see its output above`,
    );
  }
  return {
    kind: "summary",
    line: `${pass} passed, ${failed} failed, ${skip - skippedHooks + todo - todoHooks} skipped`,
    notes,
    exitCode,
  };
}
