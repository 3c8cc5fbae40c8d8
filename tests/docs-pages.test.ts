/**
 * The documentation pages in a real browser (Debian's Chromium): the gateway's /docs, a service's
 * Swagger UI under /docs and on the service itself render under their Content-Security-Policy,
 * which refuses anything the page did not name (the policy is the console's, plus what Swagger
 * UI needs: its own style attributes and data: icons).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestCatalog, type TestCatalog } from "@questline/catalog/testing";
import { startTestGateway, type TestGateway } from "@questline/gateway/testing";
import { describeNeeding } from "@questline/kit/testing/variants";
import {
  CHROMIUM_PATH,
  chromiumInstalled,
  launchChromium,
  type Page,
} from "./support/console-browser";

const chromiumMissing = chromiumInstalled()
  ? undefined
  : `Chromium not installed at ${CHROMIUM_PATH} (tests/support/console-ensure-chromium.sh)`;
const SHOWN_MS = 20_000;

describeNeeding("documentation pages in Chromium", chromiumMissing, () => {
  let catalog: TestCatalog;
  let catalogUrl: string;
  let gateway: TestGateway;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    catalog = await startTestCatalog("sqlite");
    catalogUrl = (await catalog.listen()).httpUrl;
    gateway = await startTestGateway(
      { CATALOG_URL: catalogUrl, AUTH_URL: catalogUrl, PROCESSING_URL: catalogUrl },
      { verifier: catalog.verifier },
    );
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await catalog?.close();
  });

  /** Opens `url`, collecting every policy violation and script error the page reports. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(url);
    return { page, problems };
  }

  test("/docs shows its links with its one inline style, and nothing else", async () => {
    const { page, problems } = await open(`${gateway.url}/docs`);
    await page.getByRole("link", { name: /Catalog/ }).waitFor({ timeout: SHOWN_MS });
    const margin = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    expect(margin).not.toBe("none");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  for (const [where, path] of [
    ["under the gateway's /docs", "/docs/catalog/swagger"],
    ["on the service itself", "/swagger"],
  ] as const) {
    test(`the Swagger UI renders ${where} without breaking its policy`, async () => {
      const base = where === "on the service itself" ? catalogUrl : gateway.url;
      const { page, problems } = await open(`${base}${path}`);
      await page
        .locator(".swagger-ui .info .title", { hasText: "Questline catalog" })
        .waitFor({ timeout: SHOWN_MS });
      await page.locator(".opblock").first().waitFor({ timeout: SHOWN_MS });
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
