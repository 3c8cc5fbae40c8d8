import { expect, test } from "bun:test";
import { bunSwaggerFiles } from "./bun/swagger-files-bun";
import { embeddedFiles, packageFiles } from "./static-files";

const NAMES = ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"];

test("a package's files read at run time (off Bun) are the bytes Bun embeds", async () => {
  const readAtRunTime = packageFiles(import.meta.url, "swagger-ui-dist", NAMES);
  const embedded = bunSwaggerFiles(NAMES);
  for (const name of NAMES) {
    const bytes = await readAtRunTime.read(name);
    expect(bytes?.byteLength ?? 0).toBeGreaterThan(500);
    expect(bytes).toEqual(await embedded.read(name));
  }
});

test("only the named files are served, whatever the source", async () => {
  const sources = [
    packageFiles(import.meta.url, "swagger-ui-dist", NAMES),
    bunSwaggerFiles(NAMES),
    embeddedFiles({ "swagger-ui.css": new Uint8Array([1]) }),
  ];
  for (const files of sources) {
    for (const name of ["package.json", "../package.json", "index.html", "constructor"]) {
      expect(await files.read(name)).toBeUndefined();
    }
  }
});
