import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { contextFiles } from "./context";
import { repoRoot } from "./render";
import { freePort, healthcheckExitCode, isolatedEnv, startServing } from "./serve-check";

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

describe("the image's file tree", () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the dependency stage installs production dependencies offline from the manifests alone", () => {
    const manifests = contextFiles.filter((path) =>
      ["package.json", "bun.lock", "bunfig.toml"].includes(basename(path)),
    );
    copyFromContext(manifests);
    const install = Bun.spawnSync(
      ["bun", "install", "--frozen-lockfile", "--production", "--ignore-scripts"],
      { cwd: app, env: { ...process.env, CI: "true" } },
    );
    if (install.exitCode !== 0) {
      throw new Error(`bun install failed in the deps stage:\n${install.stderr.toString()}`);
    }
    expect(existsSync(join(app, "node_modules/typescript"))).toBe(false);
    for (const manifest of manifests.filter((path) => path.startsWith("services/"))) {
      const { dependencies = {} } = JSON.parse(readFileSync(join(repoRoot, manifest), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const dependency of Object.keys(dependencies)) {
        expect(existsSync(join(app, dirname(manifest), "node_modules", dependency))).toBe(true);
      }
    }
  }, 120_000);

  test("the runtime stage serves the service it was built for", async () => {
    copyFromContext(
      contextFiles.filter(
        (path) => path.startsWith("packages/") || path.startsWith(`services/${service}/`),
      ),
    );
    cpSync(join(repoRoot, "deploy/healthcheck.ts"), join(app, "healthcheck.ts"));
    const port = freePort();
    const env = isolatedEnv({
      NODE_ENV: "production",
      SERVICE: service,
      DATA_DIR: join(work, "data"),
      MIGRATIONS_DIR: join(app, "services", service, "drizzle"),
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0",
      PORT: String(port),
      GRPC_PORT: String(freePort()),
      LOG_LEVEL: "warn",
    });
    const cwd = join(app, "services", service);
    const child = await startServing(["bun", "src/main.ts"], { cwd, env, port });
    try {
      expect(healthcheckExitCode(join(app, "healthcheck.ts"), port)).toBe(0);
      child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);
});
