/**
 * OpenAPI docs at `/swagger/json` (`@elysiajs/openapi`) and a Swagger UI page at `/swagger` whose
 * assets come from the local `swagger-ui-dist` package: the stock page loads them from a CDN and
 * renders blank without internet (STACK.md).
 */
import { openapi } from "@elysiajs/openapi";
import { Elysia } from "elysia";
import { notFound } from "../errors";
import { onBun } from "../runtime/runtime";
import { packageFiles, type StaticFiles } from "../runtime/static-files";
import { htmlPageHeaders } from "./html-page";

/** The only files the page needs (and their types); anything else is a 404. */
const ASSET_TYPES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};
const ASSET_NAMES = Object.keys(ASSET_TYPES);

let defaultFiles: Promise<StaticFiles> | undefined;

/**
 * Swagger UI's files as this runtime has them: embedded by Bun's file imports (which also works in
 * a compiled binary), or read from the installed `swagger-ui-dist` elsewhere.
 */
function swaggerFiles(): Promise<StaticFiles> {
  defaultFiles ??= onBun()
    ? import("../runtime/bun/swagger-files-bun").then((module) =>
        module.bunSwaggerFiles(ASSET_NAMES),
      )
    : Promise.resolve(packageFiles(import.meta.url, "swagger-ui-dist", ASSET_NAMES));
  return defaultFiles;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function swaggerPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)}</title>
  <link rel="icon" type="image/png" href="/swagger/assets/favicon-32x32.png" />
  <link rel="stylesheet" href="/swagger/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/swagger/assets/swagger-ui-bundle.js"></script>
  <script src="/swagger/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/swagger/assets/swagger-init.js" data-spec="/swagger/json"></script>
</body>
</html>`;
}

/**
 * Starts the UI on the spec its script tag names: a file, not an inline script, so the page's
 * policy runs no inline script; the attribute, so the gateway can move the page under /docs.
 */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: document.currentScript.dataset.spec,
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
});
`;

// Swagger UI sets style attributes and draws its icons from data: URLs; it runs no inline script.
const PAGE_HEADERS = htmlPageHeaders({
  scripts: ["'self'"],
  styles: ["'self'", "'unsafe-inline'"],
  images: ["'self'", "data:"],
  connect: ["'self'"],
});

export interface DocsOptions {
  service: string;
  version: string;
  description?: string;
  /** Where Swagger UI's files come from (an edge bundle embeds them); the runtime's by default. */
  files?: StaticFiles;
}

/** The docs plugin: `/swagger`, `/swagger/assets/*` and `/swagger/json`. */
export function swaggerDocs(options: DocsOptions) {
  const title = `Questline ${options.service}`;
  const page = swaggerPage(title);
  return new Elysia({ name: "questline.swagger" })
    .use(
      openapi({
        path: "/swagger",
        specPath: "/swagger/json",
        provider: null,
        exclude: { paths: ["/health", "/ready", "/metrics"], staticFile: false },
        documentation: {
          info: {
            title,
            version: options.version,
            description: options.description ?? `REST API of the ${options.service} service.`,
          },
          components: {
            securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
          },
        },
      }),
    )
    .get("/swagger", () => new Response(page, { headers: PAGE_HEADERS }), {
      detail: { hide: true },
    })
    .get(
      "/swagger/assets/:file",
      async ({ params }) => {
        if (params.file === "swagger-init.js") {
          return new Response(INIT_SCRIPT, {
            headers: {
              "content-type": "text/javascript; charset=utf-8",
              "cache-control": "public, max-age=86400",
              "x-content-type-options": "nosniff",
            },
          });
        }
        const type = ASSET_TYPES[params.file];
        const files = options.files ?? (await swaggerFiles());
        const bytes = type === undefined ? undefined : await files.read(params.file);
        if (type === undefined || bytes === undefined) {
          throw notFound("asset_not_found", "No such documentation asset");
        }
        return new Response(bytes, {
          headers: { "content-type": type, "cache-control": "public, max-age=86400" },
        });
      },
      { detail: { hide: true } },
    );
}
