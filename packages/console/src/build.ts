/**
 * Bundles the console (index.html, its TypeScript and CSS) with Bun's bundler, minified, into
 * memory: `consoleRoutes()` serves the result, nothing is written to disk. Run this file to see
 * what the bundle weighs: `bun run packages/console/src/build.ts`.
 */
import { join } from "node:path";

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

const ENTRY = join(import.meta.dir, "index.html");

/** Builds the console; rejects with the bundler's messages when the sources do not build. */
export async function buildConsole(): Promise<ConsoleBundle> {
  const result = await Bun.build({
    entrypoints: [ENTRY],
    target: "browser",
    minify: true,
    publicPath: ASSETS_PATH,
    naming: { entry: "[name].[ext]", chunk: "[name]-[hash].[ext]", asset: "[name]-[hash].[ext]" },
  });
  if (!result.success) {
    throw new Error(`the console does not build: ${result.logs.map(String).join("\n")}`);
  }
  let html: string | undefined;
  const assets = new Map<string, ConsoleAsset>();
  for (const output of result.outputs) {
    const name = output.path.replace(/^\.\//, "");
    if (name.endsWith(".html")) html = await output.text();
    else
      assets.set(name, {
        body: new Uint8Array(await output.arrayBuffer()),
        contentType: output.type,
      });
  }
  if (html === undefined) throw new Error("the console's build produced no page");
  return { html, assets };
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

if (import.meta.main) {
  const bundle = await buildConsole();
  console.log([...bundle.assets.keys()].join("\n"));
  console.log(JSON.stringify(bundleSize(bundle)));
}
