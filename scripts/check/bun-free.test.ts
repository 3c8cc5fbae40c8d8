import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bunOutsideAdapters } from "./bun-free";

const root = mkdtempSync(join(tmpdir(), "questline-bun-free-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

test("a stray Bun call or import in a service or package is named by file and line", () => {
  write("services/demo/src/main.ts", 'import { x } from "./x";\n\nawait Bun.sleep(10);\n');
  write("services/demo/src/db.ts", 'import { Database } from "bun:sqlite";\n');
  write("packages/lib/src/redis.ts", 'const a = 1;\nimport { RedisClient } from "bun";\n');
  write(
    "packages/lib/src/dir.ts",
    "const here = import.meta.dir;\nconst ok = import.meta.dirname;\n",
  );
  write("packages/lib/src/lazy.ts", 'const m = await import("bun:ffi");\n');
  expect(bunOutsideAdapters(root).map((finding) => finding.at)).toEqual([
    "packages/lib/src/dir.ts:1",
    "packages/lib/src/lazy.ts:1",
    "packages/lib/src/redis.ts:2",
    "services/demo/src/db.ts:1",
    "services/demo/src/main.ts:3",
  ]);
});

test("adapters, tests, test support and code outside src/ are not findings", () => {
  const clean = mkdtempSync(join(root, "clean-"));
  const put = (path: string) => {
    mkdirSync(dirname(join(clean, path)), { recursive: true });
    writeFileSync(join(clean, path), "await Bun.sleep(1);\n");
  };
  put("packages/kit/src/runtime/bun/sleep.ts");
  put("packages/kit/src/http/files-bun.ts");
  put("services/demo/src/main.test.ts");
  put("services/demo/src/testing/harness.ts");
  put("services/demo/src/testing.ts");
  put("services/demo/scripts/tool.ts");
  put("scripts/dev.ts");
  expect(bunOutsideAdapters(clean)).toEqual([]);
  // Any path containing "bun" counts as an adapter (the naming rule); one without it does not.
  put("services/demo/src/bunny.ts");
  expect(bunOutsideAdapters(clean)).toEqual([]);
  put("services/demo/src/rabbit.ts");
  expect(bunOutsideAdapters(clean).map((finding) => finding.at)).toEqual([
    "services/demo/src/rabbit.ts:1",
  ]);
});

test("this repository has none", () => {
  expect(bunOutsideAdapters(join(import.meta.dirname, "..", ".."))).toEqual([]);
});
