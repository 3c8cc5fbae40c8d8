import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServiceApp } from "@questline/kit/http/app";
import { createLogger } from "@questline/kit/logger";
import type { ConsoleBundle } from "./build";
import { ASSETS_PATH, buildConsole } from "./build";
import { readConsoleBundle, writeConsoleBundle } from "./bundle-dir";
import { consoleRoutes } from "./serve";

/** The console inside a service app, as the gateway serves it (errors become problem+json). */
const serviceApp = (source: { build?: () => Promise<ConsoleBundle>; dir?: string } = {}) =>
  createServiceApp({
    service: "console-test",
    version: "0",
    logger: createLogger({ service: "console-test", level: "error" }),
    readiness: async () => ({}),
  }).use(consoleRoutes(source));

const app = serviceApp();
const dir = mkdtempSync(join(tmpdir(), "questline-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const get = (path: string, headers: Record<string, string> = {}) =>
  app.handle(new Request(`http://console.test${path}`, { headers }));

/** The asset paths the page links to. */
async function linkedAssets(): Promise<string[]> {
  const html = await (await get("/console")).text();
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].flatMap((match) =>
    match[1]?.startsWith(ASSETS_PATH) ? [match[1]] : [],
  );
}

describe("consoleRoutes", () => {
  test("serves the page with a policy that allows nothing from elsewhere", async () => {
    const response = await get("/console");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('name="user_name"');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  test("serves every asset the page links to, gzipped when the browser accepts it", async () => {
    const assets = await linkedAssets();
    expect(assets.some((path) => path.endsWith(".js"))).toBe(true);
    expect(assets.some((path) => path.endsWith(".css"))).toBe(true);
    for (const path of assets) {
      const plain = await get(path);
      expect(plain.status).toBe(200);
      expect(plain.headers.get("cache-control")).toContain("immutable");
      const body = new Uint8Array(await plain.arrayBuffer());
      const zipped = await get(path, { "accept-encoding": "gzip, br" });
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      const raw = new Uint8Array(await zipped.arrayBuffer());
      // fetch-style responses from app.handle are not decoded: the bytes are the gzip stream.
      expect(Bun.gunzipSync(raw)).toEqual(body);
    }
  });

  test("answers an unknown asset with a problem", async () => {
    const response = await get(`${ASSETS_PATH}missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).code).toBe("asset_not_found");
  });

  test("a console that does not build answers 503 and leaves the app serving", async () => {
    const broken = serviceApp({ build: () => Promise.reject(new Error("syntax error")) });
    const page = await broken.handle(new Request("http://console.test/console"));
    expect(page.status).toBe(503);
    expect((await page.json()).code).toBe("console_unavailable");
    const health = await broken.handle(new Request("http://console.test/health"));
    expect(health.status).toBe(200);
  });

  test("a bundle built ahead of time into a folder (how Deno serves it) is the same console", async () => {
    const bundle = await buildConsole();
    await writeConsoleBundle(bundle, join(dir, "console"));
    expect(await readConsoleBundle(join(dir, "console"))).toEqual(bundle);
    const fromDir = serviceApp({ dir: join(dir, "console") });
    const page = await fromDir.handle(new Request("http://console.test/console"));
    expect(await page.text()).toBe(await (await get("/console")).text());
    for (const path of await linkedAssets()) {
      const served = await fromDir.handle(new Request(`http://console.test${path}`));
      expect(served.status).toBe(200);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(
        new Uint8Array(await (await get(path)).arrayBuffer()),
      );
    }
  });

  test("a folder without a bundle answers 503 naming the problem", async () => {
    const missing = serviceApp({
      dir: join(tmpdir(), `questline-no-console-${crypto.randomUUID()}`),
    });
    const page = await missing.handle(new Request("http://console.test/console"));
    expect(page.status).toBe(503);
    expect((await page.json()).code).toBe("console_unavailable");
  });
});
