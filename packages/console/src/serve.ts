/**
 * The console as an Elysia plugin: `/console` (the page) and `/console/assets/*` (its bundle),
 * built in memory when the plugin is created. Nothing is loaded from elsewhere at run time, which
 * the page's Content-Security-Policy holds the browser to.
 */
import { notFound, unavailable } from "@questline/kit/errors";
import { htmlPageHeaders } from "@questline/kit/http/html-page";
import { Elysia } from "elysia";
import { buildConsole, type ConsoleAsset, type ConsoleBundle } from "./build";

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
    assets.set(name, { ...asset, gzipped: Bun.gzipSync(asset.body) });
  }
  return { html: bundle.html, assets };
}

let built: ReturnType<typeof prepare> | undefined;

/** One build per process, however many apps mount the console (tests create many gateways). */
function defaultBundle(): ReturnType<typeof prepare> {
  built ??= prepare(buildConsole);
  return built;
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
 * The console's routes; add to an app with `.use(consoleRoutes())`. `build` replaces the bundler
 * (tests); a build that fails leaves the rest of the app serving and `/console` answering 503.
 */
export function consoleRoutes(options: { build?: () => Promise<ConsoleBundle> } = {}) {
  const served = options.build === undefined ? defaultBundle() : prepare(options.build);
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
