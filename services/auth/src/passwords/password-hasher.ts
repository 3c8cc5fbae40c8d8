/**
 * Password hashing behind a small interface: argon2id through the kit's runtime seam (native on
 * Bun, WebAssembly elsewhere; the same PHC strings on both). `verify` with no stored hash checks
 * against a dummy hash, so an unknown user costs what a wrong password costs.
 */
import { ARGON2_DEFAULTS, argon2id } from "@questline/kit/runtime/passwords";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `storedHash`; always false (after the same work) without one. */
  verify(password: string, storedHash: string | undefined): Promise<boolean>;
}

export interface Argon2Options {
  /** KiB of memory per hash (default 65536). */
  memoryCost?: number;
  /** Iterations (default 2). */
  timeCost?: number;
}

export function createArgon2idHasher(options: Argon2Options = {}): PasswordHasher {
  const params = { ...ARGON2_DEFAULTS, ...options };
  const argon2 = argon2id();
  // Made at once, so even the first unknown user costs no more than a wrong password.
  const dummyHash = argon2.then((hasher) => hasher.hash(crypto.randomUUID(), params));
  return {
    hash: async (password) => (await argon2).hash(password, params),
    async verify(password, storedHash) {
      const hasher = await argon2;
      if (storedHash === undefined) {
        await hasher.verify(password, await dummyHash);
        return false;
      }
      return hasher.verify(password, storedHash);
    },
  };
}
