/**
 * Reads the root Dockerfile and .dockerignore the way the Docker builder does, far enough for the
 * tests: instructions with their continuation lines joined, and the build context's file filter.
 */
import { join } from "node:path";
import { repoRoot } from "./render";

export interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions in order; comments, parser directives and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("#") || (trimmed === "" && pending === "")) continue;
    pending += ` ${trimmed.endsWith("\\") ? trimmed.slice(0, -1) : trimmed}`;
    if (!trimmed.endsWith("\\")) {
      logical.push(pending.trim());
      pending = "";
    }
  }
  return logical.map((line) => {
    const [keyword = "", ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
  });
}

interface IgnoreRule {
  glob: InstanceType<typeof Bun.Glob>;
  negated: boolean;
}

/**
 * A predicate telling whether a repository path reaches the build context. As in Docker, the last
 * rule matching the path or one of its parent folders wins, and `!` lets a path back in.
 */
export function contextFilter(dockerignore: string): (path: string) => boolean {
  const rules: IgnoreRule[] = dockerignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line).replace(/^\.?\//, "");
      return { glob: new Bun.Glob(pattern), negated };
    });
  return (path) => {
    const parts = path.split("/");
    const candidates = parts.map((_, index) => parts.slice(0, index + 1).join("/"));
    let included = true;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.glob.match(candidate))) included = rule.negated;
    }
    return included;
  };
}

export const readDockerfile = () => Bun.file(join(repoRoot, "Dockerfile")).text();
export const readDockerignore = () => Bun.file(join(repoRoot, ".dockerignore")).text();
