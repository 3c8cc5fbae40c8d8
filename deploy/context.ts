/** The files of the repository that reach `docker build`'s context through .dockerignore. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { contextFilter, readDockerignore } from "./dockerfile";
import { repoRoot } from "./render";

/** Tracked and untracked-but-not-ignored files, as a fresh clone plus local work would have. */
export const repoFiles = Bun.spawnSync(["git", "ls-files", "-co", "--exclude-standard"], {
  cwd: repoRoot,
})
  .stdout.toString()
  .split("\n")
  .filter((path) => path !== "" && existsSync(join(repoRoot, path)));

export const inContext = contextFilter(await readDockerignore());

export const contextFiles = repoFiles.filter(inContext);

/** Tests and what only tests use: harnesses (`src/testing/`) and fixtures (`testdata/`). */
export const isTestSupport = (path: string): boolean =>
  /\.test\.ts$|(^|\/)src\/testing\/|(^|\/)testdata\//.test(path);
