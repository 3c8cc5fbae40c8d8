import { afterAll, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDevSecrets } from "./secrets";

const dataDir = await mkdtemp(join(tmpdir(), "questline-secrets-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

test("the dev secrets are made once, kept private, and the same on every start", () => {
  const first = loadDevSecrets(join(dataDir, "fresh"));
  expect(first.processing).not.toBe(first.gateway);
  expect(first.processing.length).toBeGreaterThanOrEqual(32);
  expect(loadDevSecrets(join(dataDir, "fresh"))).toEqual(first);
  expect(statSync(join(dataDir, "fresh", "dev-secrets.json")).mode & 0o777).toBe(0o600);
});
