import { describe, expect, test } from "bun:test";
import { threadedArgon2id } from "./argon2-threads";
import { wasmArgon2id } from "./argon2-wasm";
import { bunArgon2id } from "./bun/argon2-bun";
import type { Argon2id } from "./passwords";

// Small parameters keep the test quick; the format and the rules are the same at any cost.
const params = { memoryCost: 1024, timeCost: 1 };
const adapters: [string, Argon2id][] = [
  ["Bun.password", bunArgon2id],
  ["hash-wasm", wasmArgon2id],
  ["hash-wasm on worker threads", threadedArgon2id(2)],
];

describe.each(adapters)("argon2id through %s", (_name, adapter) => {
  test("a PHC string with the parameters asked for, 32-byte salt and hash, salted anew", async () => {
    const first = await adapter.hash("correct horse battery", params);
    const second = await adapter.hash("correct horse battery", params);
    expect(first).toMatch(
      /^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{43}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(first).not.toBe(second);
  });

  test("a hash made by another adapter verifies the right password only", async () => {
    for (const [, other] of adapters.filter(([, candidate]) => candidate !== adapter)) {
      const stored = await other.hash("correct horse battery", params);
      expect(await adapter.verify("correct horse battery", stored)).toBe(true);
      expect(await adapter.verify("correct horse batterY", stored)).toBe(false);
    }
  });

  test("a hash at the default cost made by Bun verifies here, and the reverse", async () => {
    const other = adapter === bunArgon2id ? wasmArgon2id : bunArgon2id;
    const stored = await other.hash("tr0ub4dor&3", { memoryCost: 65_536, timeCost: 2 });
    expect(stored).toStartWith("$argon2id$v=19$m=65536,t=2,p=1$");
    expect(await adapter.verify("tr0ub4dor&3", stored)).toBe(true);
  });

  test("anything but an argon2id hash matches no password", async () => {
    expect(await adapter.verify("x", "$2b$10$abcdefghijklmnopqrstuv")).toBe(false);
    expect(await adapter.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$bad")).toBe(false);
    expect(await adapter.verify("x", "")).toBe(false);
  });
});
