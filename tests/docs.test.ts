/**
 * The docs stay honest: every repository path and link they cite exists (files move; a renamed
 * file must take its mentions along), every `#anchor` names a heading, every error code the code
 * throws is in the reference, and nothing in the repository cites a document that lives outside it.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Folders that are not the project's own text: dependencies, data, build output, bench output. */
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".data", ".tools", "dist", "coverage"]);
const GENERATED = ["bench/results/", "packages/proto/src/gen/"];

function walk(dir: string, files: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else files.push(relative(root, path));
  }
  return files;
}

const files = walk(root);
const isGenerated = (path: string) => GENERATED.some((prefix) => path.startsWith(prefix));
const markdown = files.filter((path) => path.endsWith(".md") && !isGenerated(path));
const topLevel = new Set(readdirSync(root).filter((name) => !SKIPPED_DIRS.has(name)));

/** Text that names a path by pattern or is written at run time, not a file to find. */
const isPattern = (path: string) => /[<>*{}$…\s]|\.\.\.|:/.test(path);
/** Paths the docs mention that are made when something runs (gitignored), not committed. */
const MADE_AT_RUN_TIME = ["bench/results/profiles/", "bench/results/tmp/", ".data/", "dist/"];

/** A file name with an extension of the project's own files: `counting.ts`, `latest.md`. */
const FILE_NAME = /\.(ts|md|json|ya?ml|sql|proto|sh|lua|mjs|toml)$/;

/** GitHub's heading anchors: lower case, punctuation dropped, each space a dash. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

const anchorsOf = (text: string) =>
  new Set(
    text
      .replace(/```[\s\S]*?```/g, "")
      .split("\n")
      .flatMap((line) => /^#{1,6} (.+)$/.exec(line)?.[1] ?? [])
      .map(slug),
  );

/** The package folder a Markdown file belongs to (`services/auth`), whose `src/…` paths it names. */
const packageOf = (file: string) => /^((?:services|packages)\/[^/]+)\//.exec(file)?.[1];

interface Citation {
  file: string;
  cited: string;
  /** Where the cited path resolves to, from the repository root. */
  target: string;
  anchor?: string;
}

function citationsOf(file: string): Citation[] {
  const text = readFileSync(join(root, file), "utf8");
  const here = dirname(file);
  const found: Citation[] = [];
  const unfenced = text.replace(/```[\s\S]*?```/g, "");
  const prose = unfenced.replace(/`[^`\n]*`/g, "");
  for (const [, link = ""] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(link)) continue;
    const [path = "", anchor] = link.split("#");
    const target = path === "" ? file : relative(root, resolve(root, here, path));
    found.push({ file, cited: link, target, anchor });
  }
  const owner = packageOf(file);
  // A path a README names from its own folder or its package's `src/` (`store/statements.ts`).
  const bases = [here, ...(owner === undefined ? [] : [owner, join(owner, "src")])];
  for (const [, code = ""] of unfenced.matchAll(/`([^`\n]+)`/g)) {
    if (!code.includes("/") || code.startsWith("/") || isPattern(code)) continue;
    const first = code.split("/")[0] ?? "";
    if (topLevel.has(first)) found.push({ file, cited: code, target: code });
    else if (first === "src" && owner !== undefined)
      found.push({ file, cited: code, target: join(owner, code) });
    else if (FILE_NAME.test(code)) {
      const target = bases
        .map((base) => join(base, code))
        .find((path) => existsSync(join(root, path)));
      found.push({ file, cited: code, target: target ?? join(here, code) });
    }
  }
  return found.filter(
    ({ target }) => !MADE_AT_RUN_TIME.some((prefix) => `${target}/`.startsWith(prefix)),
  );
}

describe("the docs", () => {
  const citations = markdown.flatMap(citationsOf);

  test("cover the repository's READMEs and docs/", () => {
    for (const expected of ["README.md", "docs/architecture.md", "docs/reference/README.md"]) {
      expect(markdown).toContain(expected);
    }
    expect(citations.length).toBeGreaterThan(200);
  });

  test("cite only paths that exist", () => {
    const missing = citations
      .filter(({ target }) => !existsSync(join(root, target)))
      .map(({ file, cited }) => `${file}: ${cited}`);
    expect(missing).toEqual([]);
  });

  test("link only to headings that exist", () => {
    const broken = citations
      .filter(({ target, anchor }) => anchor !== undefined && target.endsWith(".md"))
      .filter(({ target, anchor }) => {
        const path = join(root, target);
        return !existsSync(path) || !anchorsOf(readFileSync(path, "utf8")).has(anchor ?? "");
      })
      .map(({ file, cited }) => `${file}: ${cited}`);
    expect(broken).toEqual([]);
  });
});

test("nothing in the repository cites a document kept outside it", () => {
  // Written so that this file does not match itself.
  const outside = /SPEC\s§|STACK\.md|\.\.\/shared\//;
  const text = files.filter(
    (path) =>
      /\.(ts|tsx|js|mjs|md|ya?ml|json|proto|sh|toml)$|Dockerfile$/.test(path) &&
      statSync(join(root, path)).size < 1_000_000,
  );
  const citing = text.filter((path) => outside.test(readFileSync(join(root, path), "utf8")));
  expect(citing).toEqual([]);
});

test("every error code the services throw is listed in docs/reference/errors.md", () => {
  const reference = readFileSync(join(root, "docs/reference/errors.md"), "utf8");
  const sources = files.filter(
    (path) =>
      /^(services\/[^/]+\/src|packages\/(kit|console)\/src)\//.test(path) &&
      path.endsWith(".ts") &&
      !path.endsWith(".test.ts") &&
      !/\/(testing|testdata)\//.test(path),
  );
  const calls =
    /\b(?:new AppError|badRequest|invalid|unauthenticated|forbidden|notFound|conflict|rateLimited|unavailable)\s*\(([^;]*?)\)\s*[;,)]/gs;
  const codes = new Set<string>();
  const fields = new Set<string>();
  for (const path of sources) {
    const text = readFileSync(join(root, path), "utf8");
    for (const [call = "", args = ""] of text.matchAll(calls)) {
      const literals = [...args.matchAll(/"([a-z]+(?:_[a-z]+)*)"/g)].map((match) => match[1] ?? "");
      // `invalid(field, detail, code)`: the first literal names the field, not a code.
      if (call.startsWith("invalid")) fields.add(literals.shift() ?? "");
      for (const literal of literals) if (literal.includes("_")) codes.add(literal);
    }
    // Codes typed rather than passed: the domain's refusals (`code: "a" | "b"`).
    for (const [, union = ""] of text.matchAll(/\bcode: ((?:"[a-z_]+"(?: \| )?)+)/g)) {
      for (const [, code = ""] of union.matchAll(/"([a-z_]+)"/g)) codes.add(code);
    }
  }
  expect(codes.size).toBeGreaterThan(40);
  const missing = [...codes].filter(
    (code) => !fields.has(code) && !reference.includes(`\`${code}\``),
  );
  expect(missing).toEqual([]);
});
