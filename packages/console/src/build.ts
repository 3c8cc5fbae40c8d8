/**
 * The console's bundle (index.html, its TypeScript and CSS, minified) and where it comes from.
 * On Bun it is built in memory at start-up with Bun's bundler (`build-bun.ts`); other runtimes
 * have no bundler to hand, so they serve a bundle built ahead of time into a folder
 * (`bundle-dir.ts`), as a compiled binary does. Build one, or see what it weighs:
 * `bun run build:console [--out dist/console]`.
 */
import { dirname, join } from "node:path";
import { onBun } from "@questline/kit/runtime/runtime";

/** Where the browser fetches the bundle's files from. */
export const ASSETS_PATH = "/console/assets/";

export interface ConsoleAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export interface ConsoleBundle {
  html: string;
  /** Content-hashed file names (served under `ASSETS_PATH`) and their bytes. */
  assets: ReadonlyMap<string, ConsoleAsset>;
}

/** The page the bundler starts from. */
export const CONSOLE_ENTRY = join(import.meta.dirname, "index.html");

/** Builds the console from source; rejects with the bundler's messages when it does not build. */
export async function buildConsole(): Promise<ConsoleBundle> {
  if (!onBun()) {
    throw new Error(
      "only Bun bundles the console at start-up: build it with `bun run build:console` and set CONSOLE_DIR",
    );
  }
  return (await import("./build-bun")).bunBuildConsole(CONSOLE_ENTRY, ASSETS_PATH);
}

/** Bytes of the bundle by kind (what a browser downloads, before compression). */
export function bundleSize(bundle: ConsoleBundle): { js: number; css: number; html: number } {
  let js = 0;
  let css = 0;
  for (const [name, asset] of bundle.assets) {
    if (name.endsWith(".js")) js += asset.body.byteLength;
    else if (name.endsWith(".css")) css += asset.body.byteLength;
  }
  return { js, css, html: new TextEncoder().encode(bundle.html).byteLength };
}

/** Where a compiled binary finds the console built beside it (as it finds `drizzle/`). */
export const consoleBesideBinary = (): string => join(dirname(process.execPath), "console");

if (import.meta.main) {
  const { writeConsoleBundle } = await import("./bundle-dir");
  const bundle = await buildConsole();
  const at = process.argv.indexOf("--out");
  const out = at >= 0 ? process.argv[at + 1] : undefined;
  if (out !== undefined) {
    await writeConsoleBundle(bundle, out);
    console.log(`console written to ${out}`);
  }
  console.log([...bundle.assets.keys()].join("\n"));
  console.log(JSON.stringify(bundleSize(bundle)));
}
