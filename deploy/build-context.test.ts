import { describe, expect, test } from "bun:test";
import { contextFiles as context, inContext, repoFiles } from "./context";

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
    const missing = needed.filter((path) => !inContext(path) && !path.endsWith(".test.ts"));
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
      "tests/e2e.test.ts",
      "k8s/base/catalog.yaml",
      "dist/catalog",
      "docs/deploy.md",
    ].filter(inContext);
    expect(kept).toEqual([]);
    expect(context.filter((path) => /\.test\.ts$|(^|\/)\.env|\.(pem|key|jwk)$/.test(path))).toEqual(
      [],
    );
  });
});
