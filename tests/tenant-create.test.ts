import { afterAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const dataDir = await mkdtemp(join(tmpdir(), "questline-tenant-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function tenantCreate(id: string) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
  for (const service of ["AUTH", "CATALOG", "PROCESSING"]) delete env[`DATABASE_URL_${service}`];
  const child = Bun.spawn(["bun", "run", "scripts/tenant-create.ts", id], {
    cwd: ROOT,
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = [
    await new Response(child.stdout).text(),
    await new Response(child.stderr).text(),
    await child.exited,
  ];
  return { stdout, stderr, code };
}

test("tenant:create makes the tenant in each service's storage, once", async () => {
  const first = await tenantCreate("acme-games");
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("catalog: created");
  expect(existsSync(join(dataDir, "catalog", "acme-games.db"))).toBe(true);
  const again = await tenantCreate("acme-games");
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("catalog: already exists");
});

test("tenant:create refuses an id that is not a tenant id", async () => {
  const result = await tenantCreate("../Acme");
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("usage");
  expect(existsSync(join(dataDir, "catalog", "../Acme.db"))).toBe(false);
});
