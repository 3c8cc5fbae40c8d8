/** The machine and the versions a run was taken on, recorded beside its figures. */
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { postgresUrl } from "@questline/kit/testing/env";
import postgres from "postgres";
import { denoBinary } from "../scripts/dev/runtimes";

const ROOT = join(import.meta.dir, "..");
const PACKAGES = ["elysia", "drizzle-orm", "postgres", "jose", "@connectrpc/connect-node"];

export interface Environment {
  date: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  commit: string;
  bun: string;
  /** The Deno that ran the Deno cases ("-" when they were not run). */
  deno: string;
  wrk: string;
  postgres: string;
  packages: Record<string, string>;
}

function output(command: string[]): string {
  const result = Bun.spawnSync(command, { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  return `${result.stdout.toString()}${result.stderr.toString()}`.trim();
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(
      readFileSync(Bun.resolveSync(`${name}/package.json`, import.meta.dir), "utf8"),
    ) as {
      version: string;
    };
    return manifest.version;
  } catch {
    return "?";
  }
}

async function postgresVersion(): Promise<string> {
  const sql = postgres(postgresUrl(), { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? "?";
  } catch {
    return "unavailable";
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function describeEnvironment(withDeno: boolean): Promise<Environment> {
  const dirty = output(["git", "status", "--porcelain"]).length > 0;
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "?",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: output(["uname", "-srm"]),
    commit: `${output(["git", "rev-parse", "--short", "HEAD"])}${dirty ? " (with uncommitted changes)" : ""}`,
    bun: Bun.version,
    deno: withDeno
      ? (/deno (\S+)/.exec(output([denoBinary() ?? "deno", "--version"]))?.[1] ?? "?")
      : "-",
    wrk: /^wrk (\S+)/.exec(output(["wrk", "-v"]))?.[1] ?? "?",
    postgres: await postgresVersion(),
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}
