import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePorts } from "@questline/kit/testing/ports";
import { buildBinary } from "./build-binaries";
import { healthcheckExitCode, isolatedEnv, startServing } from "./serve-check";

/** One service is enough to prove the binaries work: each build is ~105 MiB. */
const service = "catalog";

describe(`the compiled ${service} binary`, () => {
  const work = mkdtempSync(join(tmpdir(), "questline-binary-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("ships its migrations, serves from any directory and stops cleanly", async () => {
    const binary = await buildBinary(service, join(work, "dist"));
    expect(existsSync(join(work, "dist", service, "drizzle"))).toBe(true);

    const elsewhere = join(work, "elsewhere");
    mkdirSync(elsewhere);
    const env = isolatedEnv({ DATA_DIR: join(work, "data") });
    const { child, port } = await startServing([binary], { cwd: elsewhere, env });
    try {
      const script = join(import.meta.dir, "healthcheck.ts");
      expect(healthcheckExitCode(script, port)).toBe(0);
      const [nobodyListens = 0] = await freePorts(1);
      expect(healthcheckExitCode(script, nobodyListens)).toBe(1);
      // Swagger UI's files are embedded in the binary (there is no node_modules beside it).
      const css = await fetch(`http://127.0.0.1:${port}/swagger/assets/swagger-ui.css`);
      expect([css.status, (await css.text()).length > 10_000]).toEqual([200, true]);
      child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);
});

describe("the compiled gateway binary", () => {
  const work = mkdtempSync(join(tmpdir(), "questline-binary-gateway-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("serves the console from the bundle built beside it", async () => {
    const binary = await buildBinary("gateway", join(work, "dist"));
    expect(existsSync(join(work, "dist", "gateway", "console", "index.html"))).toBe(true);
    const env = isolatedEnv({ LOG_LEVEL: "warn" });
    const { child, port } = await startServing([binary], { cwd: work, env });
    try {
      const page = await fetch(`http://127.0.0.1:${port}/console`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`http://127.0.0.1:${port}${script}`);
      expect(asset.status).toBe(200);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);
});
