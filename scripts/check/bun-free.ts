/**
 * The rule that keeps the services runnable off Bun: no `Bun` global, no `import.meta.dir` (Bun's;
 * `import.meta.dirname` works everywhere) and no import from `bun` or `bun:*` in `packages/<name>/src` or `services/<name>/src`, except in the runtime adapters (paths
 * containing `bun`), tests (`*.test.ts`) and test support (paths containing `/testing`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface Finding {
  /** `path:line` from the repository root. */
  at: string;
  text: string;
}

const ROOTS = ["packages", "services"];
const BUN_GLOBAL = /\bBun\.|\bimport\.meta\.dir(?!\w)/;
const BUN_IMPORT =
  /\bfrom\s+["']bun(?::[\w-]+)?["']|\bimport\s*\(\s*["']bun(?::[\w-]+)?["']\s*\)|\brequire\s*\(\s*["']bun(?::[\w-]+)?["']\s*\)/;

export const exempt = (path: string): boolean =>
  path.endsWith(".test.ts") || path.includes("/testing") || path.includes("bun");

/** Source files under each `<root>/<name>/src`, recursively; generated code and deps excluded. */
function sourcesOf(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
        files.push(path);
    }
  };
  for (const top of ROOTS) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, top));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        walk(join(root, top, name, "src"));
      } catch {
        // A package without src/.
      }
    }
  }
  return files.sort();
}

/** Every line that uses Bun outside the places allowed to. */
export function bunOutsideAdapters(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of sourcesOf(root)) {
    const path = relative(root, file);
    if (exempt(path)) continue;
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, index) => {
      // Comments too: a line that names the global is one a reader may copy.
      if (BUN_GLOBAL.test(line) || BUN_IMPORT.test(line)) {
        findings.push({ at: `${path}:${index + 1}`, text: line.trim() });
      }
    });
  }
  return findings;
}
