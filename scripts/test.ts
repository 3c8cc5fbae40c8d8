/**
 * The test command (`npm test` / `bun run test`): runs every test file with `bun test` and closes
 * with one line `N passed, N failed, N skipped`, the summary CI reads, or with an error and a
 * non-zero exit when Bun's own summary could not be read (see `test-summary.ts`). Extra arguments
 * go to `bun test` (e.g. a path filter).
 */
import { verdictOf } from "./test-summary";

const args = Bun.argv.slice(2);
const child = Bun.spawn(["bun", "test", "--timeout", "60000", ...args], {
  stdout: "inherit",
  stderr: "pipe",
  env: process.env,
});

// Bun's summary goes to stderr: pass it through as it comes, and keep it to read at the end.
let output = "";
const decoder = new TextDecoder();
const reader = child.stderr.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  const text = decoder.decode(value, { stream: true });
  process.stderr.write(text);
  output += text;
}
output += decoder.decode();
const exitCode = await child.exited;

const signal = child.signalCode === null ? undefined : String(child.signalCode);
const verdict = verdictOf(output, { exitCode: signal ? null : exitCode, signal });
if (verdict.kind === "refusal") {
  console.error(`test: ${verdict.reason}`);
} else {
  for (const note of verdict.notes) console.error(`test: ${note}`);
  console.log(verdict.line);
}
process.exit(verdict.exitCode);
