/**
 * The static checks CI runs before the tests: generated code is current (buf and drizzle-kit
 * regenerate it and nothing may change), no Bun-only call outside the runtime adapters (the
 * services must run on Deno too), Biome lints and formats, TypeScript type-checks everything
 * (tests included). Exits non-zero on the first failure, naming it.
 */
import { $ } from "bun";
import { bunOutsideAdapters } from "./check/bun-free";

$.cwd(`${import.meta.dir}/..`);

async function step(name: string, run: () => Promise<unknown>) {
  console.log(`check: ${name}`);
  try {
    await run();
  } catch (error) {
    const output = error instanceof $.ShellError ? `${error.stdout}${error.stderr}` : String(error);
    console.error(`check failed: ${name}\n${output}`);
    process.exit(1);
  }
}

await step("generated code is current (buf generate, drizzle-kit generate)", async () => {
  await $`bun x buf generate`.quiet();
  await $`bun x buf lint`.quiet();
  await $`bun run scripts/gen-db.ts`.quiet();
  const changed =
    await $`git status --porcelain -- packages/proto/src/gen services packages/kit/src/storage/testdata`.text();
  const stale = changed.split("\n").filter((line) => /gen\/|drizzle\//.test(line));
  if (stale.length > 0)
    throw new Error(`regenerating changed:\n${stale.join("\n")}\nrun \`bun run gen\` and commit`);
});
await step("no Bun-only code outside the runtime adapters", async () => {
  const findings = bunOutsideAdapters(`${import.meta.dir}/..`);
  if (findings.length > 0) {
    const lines = findings.map((finding) => `${finding.at}: ${finding.text}`);
    throw new Error(
      `${lines.join("\n")}\nmove it behind a seam in packages/kit/src/runtime (Bun adapters live in paths containing "bun")`,
    );
  }
});
await step("lint and format (biome)", () => $`bun x biome ci .`.quiet());
await step("types (tsc)", () => $`bun x tsc -p tsconfig.json`.quiet());
console.log("check: all passed");
