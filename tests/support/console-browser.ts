/**
 * Debian's Chromium driven by playwright-core for the console's browser tests: no browser is ever
 * downloaded; `console-ensure-chromium.sh` beside this file installs it where it is missing.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export type { BrowserContext, Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

/** A headless Chromium with a fresh profile, removed again by `close`. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
) {
  const profile = mkdtempSync(join(tmpdir(), "questline-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1100, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
