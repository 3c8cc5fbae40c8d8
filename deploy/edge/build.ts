/**
 * `bun run build:edge`: bundles the catalog's read path (`services/catalog/src/edge/worker.ts`)
 * into one ES module exporting `default { fetch }`, `dist/edge/catalog.mjs`, beside workerd's
 * configuration for it (`workerd.capnp`). Packages resolve to their Workers builds (the `workerd`
 * condition: postgres-js over `cloudflare:sockets`); `node:*` modules are the runtime's own.
 * Modules the edge never loads are left out (see `LEFT_OUT`).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { BunPlugin } from "bun";

const repoRoot = join(import.meta.dirname, "..", "..");
export const EDGE_ENTRY = join(repoRoot, "services/catalog/src/edge/worker.ts");
export const EDGE_DIR = join(repoRoot, "dist/edge");
const WORKERD_CONFIG = join(import.meta.dirname, "workerd.capnp");

/**
 * Reached only through a dynamic `import()` that the edge never runs, yet followed by the bundler:
 * the Bun adapters (Bun's own modules do not exist there), the TCP Redis client (no `REDIS_URL` at
 * the edge), and the SQLite and migrating Postgres storages (the edge reads a database the catalog
 * process migrated). Each becomes a module that throws, naming itself, if it were ever loaded.
 */
const LEFT_OUT = [
  "packages/kit/src/runtime/bun/",
  "packages/kit/src/runtime/redis-ioredis",
  "packages/kit/src/storage/sqlite",
  "packages/kit/src/storage/postgres",
];

/** A folder (ending in `/`) holds everything under it; a module is named without `.ts`. */
const isLeftOut = (path: string) =>
  LEFT_OUT.some((out) =>
    out.endsWith("/") ? path.startsWith(out) : path.replace(/\.ts$/, "") === out,
  );

const leftOut: BunPlugin = {
  name: "questline-edge-left-out",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = relative(repoRoot, resolve(dirname(args.importer), args.path));
      return isLeftOut(path) ? { path, namespace: "left-out" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the edge bundle`)});`,
      loader: "js",
    }));
  },
};

export interface EdgeBuild {
  /** The folder workerd runs: `catalog.mjs` and `workerd.capnp`. */
  dir: string;
  bundle: string;
  config: string;
  /** The bundle's size. */
  bytes: number;
}

/** Writes the bundle (minified) and workerd's configuration into `dir`. */
export async function buildEdge(dir = EDGE_DIR): Promise<EdgeBuild> {
  mkdirSync(dir, { recursive: true });
  const result = await Bun.build({
    entrypoints: [EDGE_ENTRY],
    // "browser": no `createRequire(import.meta.url)` preamble, which workerd cannot run.
    target: "browser",
    format: "esm",
    conditions: ["workerd", "worker"],
    external: ["node:*", "cloudflare:*"],
    minify: true,
    plugins: [leftOut],
  });
  const [output] = result.outputs;
  if (!result.success || output === undefined || result.outputs.length !== 1) {
    throw new Error(`bundling the edge failed:\n${result.logs.join("\n")}`);
  }
  const bundle = join(dir, "catalog.mjs");
  const config = join(dir, "workerd.capnp");
  const bytes = await Bun.write(bundle, output);
  copyFileSync(WORKERD_CONFIG, config);
  return { dir, bundle, config, bytes };
}

if (import.meta.main) {
  const built = await buildEdge(process.argv[2] ?? EDGE_DIR);
  const gzipped = gzipSync(await Bun.file(built.bundle).bytes()).length;
  console.log(
    `built ${relative(process.cwd(), built.bundle)}: ${built.bytes} bytes, ${gzipped} gzipped`,
  );
}
