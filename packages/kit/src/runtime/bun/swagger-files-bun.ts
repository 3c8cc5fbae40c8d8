/**
 * Swagger UI's files on Bun: file imports give a path on disk from source and an embedded file in
 * a `bun build --compile` binary, which has no node_modules to read from.
 */
import favicon from "swagger-ui-dist/favicon-32x32.png" with { type: "file" };
import css from "swagger-ui-dist/swagger-ui.css" with { type: "file" };
import bundle from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "file" };
import preset from "swagger-ui-dist/swagger-ui-standalone-preset.js" with { type: "file" };
import { cached } from "../static-files";

const PATHS: Record<string, string> = {
  "swagger-ui.css": css,
  "swagger-ui-bundle.js": bundle,
  "swagger-ui-standalone-preset.js": preset,
  "favicon-32x32.png": favicon,
};

export const bunSwaggerFiles = (names: readonly string[]) =>
  cached(async (name) => {
    const path = PATHS[name];
    if (path === undefined) throw new Error(`${name} is not embedded`);
    return new Uint8Array(await Bun.file(path).arrayBuffer());
  }, names);
