import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, sep } from "node:path";
import { contextFiles, isTestSupport } from "./context";
import { repoRoot } from "./render";
import { healthcheckExitCode, isolatedEnv, startServing } from "./serve-check";

/**
 * Rebuilds the image's /app tree the way the Dockerfile does, without Docker: the manifests, the
 * production install from the lockfile, then the shared packages, one service and the probe.
 */
const service = "catalog";
const work = mkdtempSync(join(tmpdir(), "questline-image-"));
const app = join(work, "app");

function copyFromContext(paths: readonly string[]): void {
  for (const path of paths) {
    mkdirSync(join(app, dirname(path)), { recursive: true });
    cpSync(join(repoRoot, path), join(app, path));
  }
}

/** Every file under `dir`, relative to it, `node_modules` left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split(sep).includes("node_modules"));
}

let install: { exitCode: number; stderr: string };

describe("the image's file tree", () => {
  beforeAll(() => {
    // The dependency stage: the manifests alone, then the production install from the lockfile.
    copyFromContext(
      contextFiles.filter(
        (path) =>
          ["package.json", "bun.lock", "bunfig.toml"].includes(basename(path)) ||
          path.startsWith("patches/"),
      ),
    );
    const result = Bun.spawnSync(
      ["bun", "install", "--frozen-lockfile", "--production", "--ignore-scripts", "--offline"],
      { cwd: app, env: { ...process.env, CI: "true" } },
    );
    install = { exitCode: result.exitCode, stderr: result.stderr.toString() };
    // The runtime stage: the shared packages, the service and the probe over the dependencies.
    copyFromContext(
      contextFiles.filter(
        (path) => path.startsWith("packages/") || path.startsWith(`services/${service}/`),
      ),
    );
    cpSync(join(repoRoot, "deploy/healthcheck.ts"), join(app, "healthcheck.ts"));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the dependency stage installs production dependencies from the manifests alone, offline", () => {
    // `--offline`: what the lockfile names must be installable without the network.
    if (install.exitCode !== 0) throw new Error(`bun install failed:\n${install.stderr}`);
    expect(existsSync(join(app, "node_modules/typescript"))).toBe(false);
    const manifests = contextFiles.filter(
      (path) => path.startsWith("services/") && basename(path) === "package.json",
    );
    for (const manifest of manifests) {
      const { dependencies = {} } = JSON.parse(readFileSync(join(repoRoot, manifest), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const dependency of Object.keys(dependencies)) {
        expect(existsSync(join(app, dirname(manifest), "node_modules", dependency))).toBe(true);
      }
    }
  });

  test("the runtime stage holds no test, harness or fixture, and nothing imports bun:test", () => {
    const files = filesUnder(app);
    expect(files).toContain(join("services", service, "src", "main.ts"));
    expect(files.filter((path) => isTestSupport(path.split(sep).join("/")))).toEqual([]);
    const importsTestRunner = files.filter(
      (path) =>
        path.endsWith(".ts") && readFileSync(join(app, path), "utf8").includes('"bun:test"'),
    );
    expect(importsTestRunner).toEqual([]);
  });

  test("the runtime stage serves the service it was built for", async () => {
    expect(install.exitCode).toBe(0);
    const env = isolatedEnv({
      NODE_ENV: "production",
      SERVICE: service,
      DATA_DIR: join(work, "data"),
      MIGRATIONS_DIR: join(app, "services", service, "drizzle"),
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0",
    });
    const cwd = join(app, "services", service);
    const { child, port } = await startServing(["bun", "src/main.ts"], { cwd, env });
    try {
      expect(healthcheckExitCode(join(app, "healthcheck.ts"), port)).toBe(0);
      child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);
});
