/**
 * A console bundle as a folder: `index.html`, `assets/<name>` and `manifest.json` (each asset's
 * content type). What runtimes without Bun's bundler serve, and what a compiled gateway ships
 * beside its binary (`deploy/build-binaries.ts`).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { ConsoleAsset, ConsoleBundle } from "./build";

interface Manifest {
  assets: Record<string, string>;
}

/** Replaces whatever is at `dir` with `bundle`. */
export async function writeConsoleBundle(bundle: ConsoleBundle, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "assets"), { recursive: true });
  await writeFile(join(dir, "index.html"), bundle.html);
  const manifest: Manifest = { assets: {} };
  for (const [name, asset] of bundle.assets) {
    await writeFile(join(dir, "assets", name), asset.body);
    manifest.assets[name] = asset.contentType;
  }
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The bundle written by `writeConsoleBundle`; rejects naming what is missing. */
export async function readConsoleBundle(dir: string): Promise<ConsoleBundle> {
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;
  const assets = new Map<string, ConsoleAsset>();
  for (const [name, contentType] of Object.entries(manifest.assets)) {
    // Names come from our own build; one with a path in it is not ours.
    if (basename(name) !== name) throw new Error(`${dir}/manifest.json names "${name}"`);
    const bytes = await readFile(join(dir, "assets", name));
    assets.set(name, { body: new Uint8Array(bytes), contentType });
  }
  return { html: await readFile(join(dir, "index.html"), "utf8"), assets };
}
