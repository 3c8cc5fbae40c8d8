/**
 * The console as an Elysia plugin: `/console` (the page) and `/console/assets/*` (its bundle),
 * made ready when the plugin is created. Nothing is loaded from elsewhere at run time, which the
 * page's Content-Security-Policy holds the browser to.
 */
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { notFound, unavailable } from "@questline/kit/errors";
import { htmlPageHeaders } from "@questline/kit/http/html-page";
import { Elysia } from "elysia";
import { buildConsole, type ConsoleAsset, type ConsoleBundle, consoleBesideBinary } from "./build";
import { readConsoleBundle } from "./bundle-dir";

// Everything from this origin, nothing inline: the bundle's script and style are files.
const PAGE_HEADERS = htmlPageHeaders({
  scripts: ["'self'"],
  styles: ["'self'"],
  images: ["'self'"],
  connect: ["'self'"],
});

/** A built asset with its gzip form, made once: asset names carry their content hash. */
interface ServedAsset extends ConsoleAsset {
  gzipped: Uint8Array<ArrayBuffer>;
}

async function prepare(build: () => Promise<ConsoleBundle>) {
  const bundle = await build();
  const assets = new Map<string, ServedAsset>();
  for (const [name, asset] of bundle.assets) {
    assets.set(name, { ...asset, gzipped: new Uint8Array(gzipSync(asset.body)) });
  }
  return { html: bundle.html, assets };
}

const built = new Map<string, ReturnType<typeof prepare>>();

/**
 * The bundle in `dir` when given (`CONSOLE_DIR`), else the one beside a compiled binary, else a
 * build from source (Bun). One per process and source, however many apps mount the console
 * (tests create many gateways).
 */
function defaultBundle(dir: string | undefined): ReturnType<typeof prepare> {
  const folder = dir ?? (existsSync(consoleBesideBinary()) ? consoleBesideBinary() : undefined);
  const key = folder ?? "";
  let bundle = built.get(key);
  if (bundle === undefined) {
    bundle = prepare(folder === undefined ? buildConsole : () => readConsoleBundle(folder));
    built.set(key, bundle);
  }
  return bundle;
}

const acceptsGzip = (request: Request) =>
  /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");

function assetResponse(asset: ServedAsset, request: Request): Response {
  const gzip = acceptsGzip(request);
  const headers: Record<string, string> = {
    "content-type": asset.contentType,
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  };
  if (gzip) headers["content-encoding"] = "gzip";
  return new Response(gzip ? asset.gzipped : asset.body, { headers });
}

/**
 * The console's routes; add to an app with `.use(consoleRoutes())`. `dir` serves a bundle built
 * ahead of time (`bun run build:console`); `build` replaces the bundler (tests). A bundle that
 * cannot be had leaves the rest of the app serving and `/console` answering 503.
 */
export function consoleRoutes(
  options: { build?: () => Promise<ConsoleBundle>; dir?: string } = {},
) {
  const served = options.build === undefined ? defaultBundle(options.dir) : prepare(options.build);
  // A failure is reported on each request for the console, not as an unhandled rejection.
  served.catch(() => undefined);
  const bundle = () =>
    served.catch((error: unknown) => {
      throw unavailable("console_unavailable", "The console could not be built", error);
    });

  return new Elysia({ name: "questline.console" })
    .get("/console", async () => new Response((await bundle()).html, { headers: PAGE_HEADERS }), {
      detail: { hide: true },
    })
    .get(
      "/console/assets/:file",
      async ({ params, request }) => {
        const asset = (await bundle()).assets.get(params.file);
        if (asset === undefined) throw notFound("asset_not_found", "No such console asset");
        return assetResponse(asset, request);
      },
      { detail: { hide: true } },
    );
}
