/**
 * Every route of every service that takes a body reads it through the kit's `jsonBody`, so the
 * size, depth, key and character limits hold for all of them (issue 14 M3: one route left to
 * Elysia's own parser is one route where 5,000 nested arrays are a 500).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startAuth } from "@questline/auth/testing";
import { startTestCatalog } from "@questline/catalog/testing";
import { routesNotReadingJson } from "@questline/kit/testing/body-routes";
import { startTestProcessing } from "@questline/processing/testing";

let services: {
  name: string;
  app: Parameters<typeof routesNotReadingJson>[0];
  close(): Promise<void>;
}[];

beforeAll(async () => {
  const auth = await startAuth("sqlite");
  const catalog = await startTestCatalog("sqlite");
  const processing = await startTestProcessing("sqlite");
  services = [
    { name: "auth", app: auth.service.app, close: () => auth.close() },
    { name: "catalog", app: catalog.service.app, close: () => catalog.close() },
    { name: "processing", app: processing.service.app, close: () => processing.close() },
  ];
}, 60_000);
afterAll(async () => {
  for (const service of services ?? []) await service.close();
});

test("every body route of every service reads its body with the kit's jsonBody", () => {
  for (const { name, app } of services) {
    expect([name, routesNotReadingJson(app)]).toEqual([name, []]);
    expect(app.routes.some((route) => route.hooks?.body !== undefined)).toBe(true);
  }
});
