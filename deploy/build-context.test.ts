import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contextFiles as context, inContext, isTestSupport, repoFiles } from "./context";
import { repoRoot } from "./render";

describe("docker build context", () => {
  test("holds the manifests, the lockfile's patches, the shared packages, the services, their migrations and the probe", () => {
    const needed = repoFiles.filter(
      (path) =>
        ["package.json", "bun.lock", "bunfig.toml", "deploy/healthcheck.ts"].includes(path) ||
        path.startsWith("patches/") ||
        /^(packages|services)\/[^/]+\/package\.json$/.test(path) ||
        /^services\/[^/]+\/(src|drizzle)\//.test(path) ||
        /^packages\/[^/]+\/src\//.test(path),
    );
    const missing = needed.filter((path) => !inContext(path) && !isTestSupport(path));
    expect(missing).toEqual([]);
    expect(context).toContain("bun.lock");
  });

  test("leaves out local data, keys, dependencies, history, tests and everything else", () => {
    const kept = [
      ".data/default.sqlite",
      "services/auth/.data/keys/signing.jwk",
      "services/auth/dev-keys/private.pem",
      "services/auth/signing.key",
      ".env",
      "services/gateway/.env.production",
      "node_modules/elysia/package.json",
      "services/catalog/node_modules/elysia",
      ".git/config",
      "services/catalog/src/quests/quest.test.ts",
      "services/catalog/src/testing/harness.ts",
      "packages/kit/src/testing/eventually.ts",
      "packages/kit/src/storage/testdata/notes-storage.ts",
      "tests/e2e.test.ts",
      "k8s/base/catalog.yaml",
      "dist/catalog",
      "docs/deploy.md",
    ].filter(inContext);
    expect(kept).toEqual([]);
    expect(context.filter((path) => /(^|\/)\.env|\.(pem|key|jwk)$/.test(path))).toEqual([]);
    expect(context.filter(isTestSupport)).toEqual([]);
  });

  test("no file of any service or package in it imports the test runner", () => {
    const importers = context.filter(
      (path) =>
        path.endsWith(".ts") && readFileSync(join(repoRoot, path), "utf8").includes('"bun:test"'),
    );
    expect(importers).toEqual([]);
  });
});
