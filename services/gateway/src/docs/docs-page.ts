import { htmlPageHeaders, inlineSource } from "@questline/kit/http/html-page";
import type { UpstreamName } from "../routes";

const TITLES: Record<UpstreamName, string> = {
  auth: "Auth: users, tokens, wallets",
  catalog: "Catalog: quest definitions",
  processing: "Processing: tracking, progress, claims",
};

const STYLE = `
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
    li { margin: 0.4rem 0; }
    code { background: #f2f2f2; padding: 0 0.25rem; }
  `;

/** The page's headers: its one inline style by hash, and nothing else. */
export const DOCS_PAGE_HEADERS = htmlPageHeaders({ styles: [inlineSource(STYLE)] });

/** The `/docs` page: one link per service's Swagger UI, all served through the gateway. */
export function docsPage(services: readonly UpstreamName[]): string {
  const items = services
    .map(
      (name) =>
        `    <li><a href="/docs/${name}/swagger">${TITLES[name]}</a> (<a href="/docs/${name}/swagger/json">OpenAPI JSON</a>)</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Questline API docs</title>
  <style>${STYLE}</style>
</head>
<body>
  <h1>Questline API docs</h1>
  <p>Every service's REST API, reachable through this gateway.</p>
  <ul>
${items}
  </ul>
  <p>RPC: <code>questline.catalog.v1.QuestCatalogService</code> over Connect and gRPC-Web at this origin
  (native gRPC on the catalog's own port).</p>
  <p>The <a href="/console">web console</a> uses all of it from a browser.</p>
</body>
</html>`;
}
