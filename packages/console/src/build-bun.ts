/** The console built in memory with Bun's bundler (nothing is written to disk). */
import type { ConsoleAsset, ConsoleBundle } from "./build";

export async function bunBuildConsole(entry: string, publicPath: string): Promise<ConsoleBundle> {
  const result = await Bun.build({
    entrypoints: [entry],
    target: "browser",
    minify: true,
    publicPath,
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
