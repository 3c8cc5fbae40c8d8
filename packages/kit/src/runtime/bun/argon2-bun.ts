/** argon2id on Bun: `Bun.password` (native, off the JavaScript thread). */
import type { Argon2id } from "../passwords";

export const bunArgon2id: Argon2id = {
  hash: (password, params) => Bun.password.hash(password, { algorithm: "argon2id", ...params }),
  async verify(password, stored) {
    if (!stored.startsWith("$argon2id$")) return false;
    try {
      return await Bun.password.verify(password, stored, "argon2id");
    } catch {
      return false;
    }
  },
};
