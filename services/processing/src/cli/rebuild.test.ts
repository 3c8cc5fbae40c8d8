import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type DialectEnv, freshStore } from "@questline/kit/testing/dialects";

const script = join(import.meta.dirname, "rebuild.ts");
let store: DialectEnv;

beforeAll(async () => {
  store = await freshStore("sqlite", "processing-cli");
});
afterAll(() => store.cleanup());

const run = (args: string[]) => {
  const child = Bun.spawnSync(["bun", "run", script, ...args], {
    env: { ...process.env, ...store.env, LOG_LEVEL: "error" },
  });
  return { code: child.exitCode, stdout: child.stdout.toString() };
};

test("rebuilds a tenant's projection and reports on it", () => {
  const result = run(["--tenant", "default"]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    tenant: "default",
    equal: true,
    users: 0,
    events: 0,
  });
});

test("an unknown tenant fails with exit code 1", () => {
  expect(run(["--tenant", "nobody-here"]).code).toBe(1);
});
