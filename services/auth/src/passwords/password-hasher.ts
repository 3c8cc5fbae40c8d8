/**
 * Password hashing behind a small interface: argon2id through `Bun.password`. `verify` with no
 * stored hash checks against a dummy hash, so an unknown user costs what a wrong password costs.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `storedHash`; always false (after the same work) without one. */
  verify(password: string, storedHash: string | undefined): Promise<boolean>;
}

export interface Argon2Options {
  /** KiB of memory per hash (Bun's default: 65536). */
  memoryCost?: number;
  /** Iterations (Bun's default: 2). */
  timeCost?: number;
}

export function createArgon2idHasher(options: Argon2Options = {}): PasswordHasher {
  const algorithm = { algorithm: "argon2id" as const, ...options };
  // Made at once, so even the first unknown user costs no more than a wrong password.
  const dummyHash = Bun.password.hash(crypto.randomUUID(), algorithm);
  return {
    hash: (password) => Bun.password.hash(password, algorithm),
    async verify(password, storedHash) {
      if (storedHash === undefined) {
        await Bun.password.verify(password, await dummyHash, "argon2id");
        return false;
      }
      return Bun.password.verify(password, storedHash, "argon2id");
    },
  };
}
