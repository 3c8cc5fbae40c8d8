import { expect, test } from "bun:test";
import { createArgon2idHasher } from "./password-hasher";

const hasher = createArgon2idHasher({ memoryCost: 1024, timeCost: 1 });

test("hashes with argon2id and the given parameters, salted", async () => {
  const first = await hasher.hash("correct horse battery");
  const second = await hasher.hash("correct horse battery");
  expect(first).toStartWith("$argon2id$v=19$m=1024,t=1,");
  expect(first).not.toBe(second);
});

test("verifies the right password only", async () => {
  const stored = await hasher.hash("correct horse battery");
  expect(await hasher.verify("correct horse battery", stored)).toBe(true);
  expect(await hasher.verify("correct horse batterY", stored)).toBe(false);
});

test("without a stored hash the answer is always no", async () => {
  expect(await hasher.verify("anything at all", undefined)).toBe(false);
  expect(await hasher.verify("", undefined)).toBe(false);
});
