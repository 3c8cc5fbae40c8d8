import { describe, expect, test } from "bun:test";
import { t } from "elysia";
import { createLogger } from "../logger";
import { createServiceApp } from "./app";

const app = createServiceApp({
  service: "catalog",
  version: "2.3.4",
  logger: createLogger({ service: "catalog", write: () => {} }),
  readiness: async () => ({}),
}).get("/api/v1/quest", () => [{ name: "q" }], {
  response: { 200: t.Array(t.Object({ name: t.String() })) },
});

const get = (path: string) => app.handle(new Request(`http://localhost${path}`));

describe("the docs", () => {
  test("GET /swagger is an HTML page that loads nothing from another host", async () => {
    const response = await get("/swagger");
    expect(response.headers.get("content-type")).toStartWith("text/html");
    const html = await response.text();
    expect(html).toContain('src="/swagger/assets/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  test("GET /swagger carries the security headers of every HTML page and runs no inline script", async () => {
    const response = await get("/swagger");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self';");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).not.toMatch(/<script>/);
    const init = await get("/swagger/assets/swagger-init.js");
    expect([init.status, init.headers.get("content-type")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);
    expect(await init.text()).toContain("document.currentScript.dataset.spec");
  });

  test("serves the Swagger UI assets from the local package", async () => {
    for (const [file, type] of [
      ["swagger-ui-bundle.js", "text/javascript"],
      ["swagger-ui-standalone-preset.js", "text/javascript"],
      ["swagger-ui.css", "text/css"],
    ]) {
      const response = await get(`/swagger/assets/${file}`);
      expect([file, response.status, response.headers.get("content-type")]).toEqual([
        file,
        200,
        `${type}; charset=utf-8`,
      ]);
      expect((await response.text()).length).toBeGreaterThan(10_000);
    }
  });

  test("serves no other file", async () => {
    for (const file of ["package.json", "..%2F..%2Fpackage.json", "index.html"]) {
      expect((await get(`/swagger/assets/${file}`)).status).toBe(404);
    }
  });

  test("GET /swagger/json describes the routes added after the app was created", async () => {
    const spec = (await (await get("/swagger/json")).json()) as {
      info: { title: string; version: string };
      paths: Record<string, unknown>;
    };
    expect(spec.info).toMatchObject({ title: "Questline catalog", version: "2.3.4" });
    expect(Object.keys(spec.paths)).toContain("/api/v1/quest");
    expect(Object.keys(spec.paths)).not.toContain("/health");
  });
});
