/**
 * Which runtime runs the services (`--runtime bun`, the default, or `--runtime deno`) and the
 * command that starts a script under it. Deno is pinned like Bun: `scripts/bootstrap.mjs`
 * installs it into `.tools/deno` and passes its path as `QUESTLINE_DENO`.
 *
 * Deno runs with explicit permissions, not `-A`: the network (listeners, Postgres, Redis, the
 * other services), the environment (every setting is a variable), reading the repository (the
 * code, `node_modules`, migrations) and the data dir, and writing the data dir (SQLite files).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export type ServiceRuntime = "bun" | "deno";
export const RUNTIMES: readonly ServiceRuntime[] = ["bun", "deno"];
export const DENO_VERSION = "2.9.6";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** `--runtime deno` / `--runtime=deno` among `args` (default bun); throws on anything else. */
export function runtimeFromArgs(args: readonly string[]): ServiceRuntime {
  const at = args.findIndex((arg) => arg === "--runtime" || arg.startsWith("--runtime="));
  if (at < 0) return "bun";
  const value = args[at]?.includes("=") ? args[at]?.split("=")[1] : args[at + 1];
  if (value === "bun" || value === "deno") return value;
  throw new Error(`--runtime must be bun or deno, got "${value ?? ""}"`);
}

function versionOf(bin: string): string | undefined {
  try {
    const text = execFileSync(bin, ["--version"], { encoding: "utf8", stdio: "pipe" });
    return /deno (\S+)/.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

let found: string | null | undefined;

/** The pinned Deno: `QUESTLINE_DENO`, the bootstrap's `.tools/deno`, or `deno` on the PATH. */
export function denoBinary(): string | undefined {
  if (found === undefined) {
    const local = join(ROOT, ".tools", "deno", "node_modules", ".bin", "deno");
    const candidates = [process.env.QUESTLINE_DENO, local, "deno"];
    found =
      candidates.find(
        (bin) =>
          bin !== undefined &&
          (bin === "deno" || existsSync(bin)) &&
          versionOf(bin) === DENO_VERSION,
      ) ?? null;
  }
  return found ?? undefined;
}

/** Deno's permission flags for a service whose data lives in `dataDir`. */
export function denoPermissions(dataDir: string): string[] {
  return [
    "--no-prompt",
    // request.signal aborts only when the client goes away, as on Bun (the gateway watches it).
    "--unstable-no-legacy-abort",
    "--allow-net",
    "--allow-env",
    `--allow-read=${ROOT},${dataDir}`,
    `--allow-write=${dataDir}`,
  ];
}

/** The command that runs `script` (a path from the repository root) under `runtime`. */
export function runCommand(
  runtime: ServiceRuntime,
  script: string,
  options: { dataDir: string; watch?: boolean; args?: string[]; flags?: string[] },
): string[] {
  const args = options.args ?? [];
  const flags = options.flags ?? [];
  if (runtime === "bun") {
    return ["bun", ...(options.watch ? ["--watch"] : []), ...flags, "run", script, ...args];
  }
  const deno = denoBinary();
  if (deno === undefined) {
    throw new Error(
      `Deno ${DENO_VERSION} not found: run through \`npm run dev\` / \`npm test\` (the bootstrap installs it) or set QUESTLINE_DENO`,
    );
  }
  return [
    deno,
    "run",
    ...(options.watch ? ["--watch"] : []),
    ...denoPermissions(options.dataDir),
    ...flags,
    script,
    ...args,
  ];
}
