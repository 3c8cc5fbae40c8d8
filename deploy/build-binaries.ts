/**
 * Builds one self-contained executable per service with `bun build --compile`, for deployments
 * without containers: `dist/<service>/<service>` with the service's `drizzle/` migrations copied to
 * `dist/<service>/drizzle`, where the binary looks for them (see docs/deploy.md). The gateway's
 * binary gets the console's bundle beside it in `dist/gateway/console`: a compiled binary has no
 * console sources to bundle at start-up.
 *
 *   bun run build:binaries [service ...]   (default: every service that has src/main.ts)
 */
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildConsole } from "../packages/console/src/build";
import { writeConsoleBundle } from "../packages/console/src/bundle-dir";
import { CHECKPOINTER_WORKER_PATH } from "../packages/kit/src/storage/sqlite-checkpointer";

const repoRoot = join(import.meta.dirname, "..");

/** Services that have an entry point, in name order. */
export function buildableServices(root = repoRoot): string[] {
  const servicesDir = join(root, "services");
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, "src/main.ts")))
    .sort();
}

/** Builds `<outDir>/<service>/<service>` plus what it reads beside it; returns the binary's path. */
export async function buildBinary(
  service: string,
  outDir = join(repoRoot, "dist"),
): Promise<string> {
  const serviceDir = join(repoRoot, "services", service);
  const entry = join(serviceDir, "src/main.ts");
  if (!existsSync(entry)) throw new Error(`${service} has no entry point at ${entry}`);
  const targetDir = join(outDir, service);
  rmSync(targetDir, { recursive: true, force: true });
  const binary = join(targetDir, service);
  // Worker threads are entry points of their own (the kit's SQLite checkpointer).
  const workers = [join(repoRoot, CHECKPOINTER_WORKER_PATH)];
  const build = Bun.spawnSync(
    ["bun", "build", entry, ...workers, "--compile", "--outfile", binary],
    {
      cwd: repoRoot,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  if (build.exitCode !== 0) {
    throw new Error(`bun build --compile ${service} failed:\n${build.stderr.toString()}`);
  }
  const migrations = join(serviceDir, "drizzle");
  if (existsSync(migrations)) cpSync(migrations, join(targetDir, "drizzle"), { recursive: true });
  if (service === "gateway")
    await writeConsoleBundle(await buildConsole(), join(targetDir, "console"));
  return binary;
}

if (import.meta.main) {
  const requested = process.argv.slice(2);
  for (const service of requested.length > 0 ? requested : buildableServices()) {
    console.log(`built ${await buildBinary(service)}`);
  }
}
