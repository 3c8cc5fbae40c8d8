/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the real
 * system: every service a process of its own on free ports, with the example quests and dev admin.
 *
 * Each test makes its own player in a tab of its own; only the system and the browser are shared.
 *
 * Set QUESTLINE_CONSOLE_SCREENSHOT=docs/console.png to save the player's view for the README.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { describeNeeding } from "@questline/kit/testing/variants";
import {
  CHROMIUM_PATH,
  chromiumInstalled,
  launchChromium,
  type Page,
} from "./support/console-browser";
import { DEV_ADMIN, startSystem, type TestSystem } from "./support/system";

const chromiumMissing = chromiumInstalled()
  ? undefined
  : `Chromium not installed at ${CHROMIUM_PATH} (tests/support/console-ensure-chromium.sh)`;
const START_MS = 180_000;
const STEP_MS = 90_000;
/** How long the page may take to show what a test waits for (the system runs on 2 cores). */
const SHOWN_MS = 20_000;

const GRPC_WEB = "application/grpc-web+proto";
const WATCH_PATH = "/questline.catalog.v1.QuestCatalogService/WatchQuests";
const PASSWORD = "console-password-1";
const unique = (prefix: string) => `${prefix}_${crypto.randomUUID().slice(0, 8)}`;

let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchChromium>>;

/** The console in a tab of its own: it keeps its session per tab, so nobody is signed in yet. */
async function openConsole(before: (page: Page) => void = () => undefined): Promise<Page> {
  const page = await browser.context.newPage();
  before(page);
  await page.goto(`${system.gatewayUrl}/console`);
  return page;
}

/** Waits until the player's data was read after the sign-up paid: wallet, quests, history. */
async function settled(page: Page) {
  await expect(balance(page, "gold").textContent({ timeout: SHOWN_MS })).resolves.toBe("100");
  await page
    .locator("#history-list li", { hasText: "RewardClaimed" })
    .first()
    .waitFor({ timeout: SHOWN_MS });
}

async function signIn(page: Page, kind: "Sign up" | "Sign in", name: string, password: string) {
  await page.locator('input[name="user_name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: kind, exact: true }).click();
}

/** A new player, signed up in a tab of their own, once the quests arrived and the sign-up paid. */
async function newPlayer(): Promise<Page> {
  const page = await openConsole();
  await signIn(page, "Sign up", unique("player"), PASSWORD);
  await questCard(page, "sign-in-three-times").waitFor({ timeout: SHOWN_MS });
  await settled(page);
  return page;
}

/** The README's picture of the console, when QUESTLINE_CONSOLE_SCREENSHOT names a file. */
async function saveScreenshot(page: Page) {
  const path = process.env.QUESTLINE_CONSOLE_SCREENSHOT;
  if (path !== undefined) await page.screenshot({ path, fullPage: true });
}

const questCard = (page: Page, name: string) => page.locator(`[data-quest="${name}"]`);
const balance = (page: Page, item: string) =>
  page.locator(`#wallet-balances dd[data-item="${item}"]`);

/** An admin's quest form filled in (`qty` as typed), submitted. */
async function createQuestAsAdmin(page: Page, name: string, qty: string) {
  await signIn(page, "Sign in", DEV_ADMIN.user, DEV_ADMIN.password);
  await page.getByRole("button", { name: "New quest" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Title").fill("Level up once");
  await page.getByLabel("Trigger action").fill("level_up");
  await page.locator('input[name="rewards/0/item"]').fill("ruby");
  await page.locator('input[name="rewards/0/qty"]').fill(qty);
  await page.getByLabel("Status").selectOption("published");
  await page.getByRole("button", { name: "Create quest" }).click();
}

describeNeeding("console in Chromium", chromiumMissing, () => {
  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
  }, START_MS);

  afterAll(async () => {
    await browser?.close();
    await system?.shutdown();
  }, START_MS);

  test(
    "a player signs up and the quests arrive over gRPC-Web",
    async () => {
      const grpcWebCalls: { url: string; contentType: string }[] = [];
      const page = await openConsole((tab) =>
        tab.on("request", (request) => {
          const contentType = request.headers()["content-type"] ?? "";
          if (contentType.startsWith("application/grpc-web"))
            grpcWebCalls.push({ url: request.url(), contentType });
        }),
      );
      await signIn(page, "Sign up", unique("ada"), PASSWORD);
      for (const name of ["sign-in-three-times", "sign-up", "daily-login-streak"]) {
        await questCard(page, name).waitFor({ timeout: SHOWN_MS });
      }
      expect(
        grpcWebCalls.some((call) => call.url.endsWith(WATCH_PATH) && call.contentType === GRPC_WEB),
      ).toBe(true);
      // The sign-up quest claims itself: 100 gold, and the claim is in the history.
      await settled(page);
      await page.close();
    },
    STEP_MS,
  );

  test(
    "three sign-ins make a quest claimable, and claiming moves the wallet",
    async () => {
      const page = await newPlayer();
      const card = questCard(page, "sign-in-three-times");
      for (const count of [1, 2, 3]) {
        await page.getByRole("button", { name: "Sign in again" }).click();
        if (count < 3)
          await card.locator(".count", { hasText: `${count} / 3` }).waitFor({ timeout: SHOWN_MS });
      }
      const claim = card.getByRole("button", { name: "Claim", exact: true });
      await claim.waitFor({ timeout: SHOWN_MS });
      await saveScreenshot(page);
      expect(await page.locator("#wallet-balances dd[data-item='diamond']").count()).toBe(0);
      await claim.click();
      await expect(balance(page, "diamond").textContent({ timeout: SHOWN_MS })).resolves.toBe("10");
      await claim.waitFor({ state: "detached", timeout: SHOWN_MS });
      await expect(card.locator(".meta").textContent()).resolves.toContain("claimed 1");
      await page.close();
    },
    STEP_MS,
  );

  test(
    "an admin's server-side validation error shows next to its field",
    async () => {
      const admin = await openConsole();
      await createQuestAsAdmin(admin, unique("refused-quest").replace("_", "-"), "0");
      const qtyError = admin.locator('[data-error-for="rewards/0/qty"]');
      await qtyError.filter({ hasText: /\S/ }).waitFor({ timeout: SHOWN_MS });
      await expect(
        admin.locator('input[name="rewards/0/qty"]').getAttribute("aria-invalid"),
      ).resolves.toBe("true");
      await admin.close();
    },
    STEP_MS,
  );

  test(
    "a quest an admin creates appears for the player without a reload",
    async () => {
      const player = await newPlayer();
      await player.evaluate(() => document.body.setAttribute("data-loaded-once", "yes"));
      const newQuest = unique("console-quest").replace("_", "-");
      const admin = await openConsole();
      await createQuestAsAdmin(admin, newQuest, "5");
      await admin.locator(`[data-admin-quest="${newQuest}"]`).waitFor({ timeout: SHOWN_MS });

      const card = questCard(player, newQuest);
      await card.waitFor({ timeout: SHOWN_MS });
      await expect(player.locator("body").getAttribute("data-loaded-once")).resolves.toBe("yes");

      await player.getByLabel("Action", { exact: true }).fill("level_up");
      await player.getByRole("button", { name: "Track", exact: true }).click();
      await card.getByRole("button", { name: "Claim", exact: true }).click();
      await expect(balance(player, "ruby").textContent({ timeout: SHOWN_MS })).resolves.toBe("5");

      await admin.getByRole("button", { name: `Archive ${newQuest}` }).click();
      await card.waitFor({ state: "detached", timeout: SHOWN_MS });
      await admin.close();
      await player.close();
    },
    STEP_MS,
  );

  test(
    "the access token is renewed with the refresh token before it expires",
    async () => {
      const page = await browser.context.newPage();
      await page.clock.install();
      await page.goto(`${system.gatewayUrl}/console`);
      await signIn(page, "Sign up", unique("renewer"), PASSWORD);
      await questCard(page, "sign-up").waitFor({ timeout: SHOWN_MS });
      const stored = () => page.evaluate(() => sessionStorage.getItem("questline.console.session"));
      const before = await stored();
      const renewal = page.waitForResponse((response) =>
        response.url().endsWith("/api/v1/auth/refresh"),
      );
      // Access tokens live 15 minutes: the console renews one a minute ahead.
      await page.clock.fastForward("14:30");
      expect((await renewal).status()).toBe(200);
      await page.waitForFunction(
        (old) => sessionStorage.getItem("questline.console.session") !== old,
        before,
      );
      const token = (raw: string | null) => (JSON.parse(raw ?? "{}") as { token?: string }).token;
      expect(token(await stored())).not.toBe(token(before));
      await page.getByLabel("Action", { exact: true }).fill("level_up");
      await page.getByRole("button", { name: "Track", exact: true }).click();
      await page
        .locator("#status", { hasText: "Action level_up: tracked" })
        .waitFor({ timeout: SHOWN_MS });
      await page.close();
    },
    STEP_MS,
  );

  test(
    "the player's view, on a phone-sized screen too",
    async () => {
      const page = await newPlayer();
      await page.setViewportSize({ width: 375, height: 740 });
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      await expect(page.getByRole("button", { name: "Sign in again" }).isVisible()).resolves.toBe(
        true,
      );
      await page.close();
    },
    STEP_MS,
  );

  test(
    "a reload keeps the player signed in, with the quests and the wallet",
    async () => {
      const page = await newPlayer();
      await page.reload();
      await questCard(page, "sign-in-three-times").waitFor({ timeout: SHOWN_MS });
      await expect(balance(page, "gold").textContent({ timeout: SHOWN_MS })).resolves.toBe("100");
      await expect(page.locator("#sign-form").isHidden()).resolves.toBe(true);
      await page.close();
    },
    STEP_MS,
  );
});
