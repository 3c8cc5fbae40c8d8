/**
 * The test command (`npm test` / `bun run test`): runs every test file with `bun test` and closes
 * with one line `N passed, N failed, N skipped`, the summary CI reads. Extra arguments go to
 * `bun test` (e.g. a path filter).
 */
const args = Bun.argv.slice(2);
const child = Bun.spawn(["bun", "test", "--timeout", "60000", ...args], {
  stdout: "inherit",
  stderr: "pipe",
  env: process.env,
});

export {};

const counts = { pass: 0, fail: 0, skip: 0 };
const decoder = new TextDecoder();
let pending = "";
const reader = child.stderr.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  const text = decoder.decode(value, { stream: true });
  process.stderr.write(text);
  pending += text;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const match = /^\s*(\d+) (pass|fail|skip)\s*$/.exec(line);
    if (match?.[1] && match[2]) counts[match[2] as keyof typeof counts] = Number(match[1]);
  }
}
const code = await child.exited;
const failed = code !== 0 && counts.fail === 0 ? 1 : counts.fail;
console.log(`${counts.pass} passed, ${failed} failed, ${counts.skip} skipped`);
process.exit(code);
