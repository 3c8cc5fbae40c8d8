/** argon2id in WebAssembly (`hash-wasm`): the portable adapter of `passwords.ts`. */
import { randomBytes } from "node:crypto";
import { argon2id, argon2Verify } from "hash-wasm";
import type { Argon2id } from "./passwords";

export const wasmArgon2id: Argon2id = {
  hash: (password, params) =>
    argon2id({
      password,
      salt: randomBytes(32),
      parallelism: 1,
      iterations: params.timeCost,
      memorySize: params.memoryCost,
      hashLength: 32,
      outputType: "encoded",
    }),
  async verify(password, stored) {
    if (!stored.startsWith("$argon2id$")) return false;
    try {
      return await argon2Verify({ password, hash: stored });
    } catch {
      // A malformed stored hash matches no password.
      return false;
    }
  },
};
