/**
 * Regenerates every Drizzle migration folder: runs `drizzle-kit generate` for each
 * `drizzle.<dialect>.config.ts` of the services and of the kit's storage test schema. A service
 * adds config files, never a line here. drizzle-kit runs from the repository root, so the paths
 * inside a config start with `./services/<svc>/`.
 */
import { join, relative } from "node:path";

const root = join(import.meta.dir, "..");
const patterns = [
  "services/*/drizzle.*.config.ts",
  "packages/kit/src/storage/testdata/drizzle.*.config.ts",
];

async function configFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of patterns) {
    for await (const file of new Bun.Glob(pattern).scan({ cwd: root }))
      found.push(join(root, file));
  }
  return found.sort();
}

async function generate(config: string): Promise<void> {
  const drizzleKit = join(root, "node_modules", ".bin", "drizzle-kit");
  const child = Bun.spawn([drizzleKit, "generate", "--config", config], {
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  });
  if ((await child.exited) !== 0) {
    throw new Error(`drizzle-kit generate failed for ${relative(root, config)}`);
  }
}

const configs = await configFiles();
for (const config of configs) {
  console.log(`drizzle-kit generate: ${relative(root, config)}`);
  await generate(config);
}
console.log(`${configs.length} migration folders up to date`);
