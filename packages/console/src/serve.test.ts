import { describe, expect, test } from "bun:test";
import { createServiceApp } from "@questline/kit/http/app";
import { createLogger } from "@questline/kit/logger";
import type { ConsoleBundle } from "./build";
import { ASSETS_PATH } from "./build";
import { consoleRoutes } from "./serve";

/** The console inside a service app, as the gateway serves it (errors become problem+json). */
const serviceApp = (build?: () => Promise<ConsoleBundle>) =>
  createServiceApp({
    service: "console-test",
    version: "0",
    logger: createLogger({ service: "console-test", level: "error" }),
    readiness: async () => ({}),
  }).use(consoleRoutes(build === undefined ? {} : { build }));

const app = serviceApp();
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
    const broken = serviceApp(() => Promise.reject(new Error("syntax error")));
    const page = await broken.handle(new Request("http://console.test/console"));
    expect(page.status).toBe(503);
    expect((await page.json()).code).toBe("console_unavailable");
    const health = await broken.handle(new Request("http://console.test/health"));
    expect(health.status).toBe(200);
  });
});
