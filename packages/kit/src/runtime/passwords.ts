/**
 * The password-hashing seam: argon2id, written as a PHC string (`$argon2id$v=19$m=…,t=…,p=1$salt$hash`)
 * that every adapter reads. Bun's password API on Bun (native); `hash-wasm` on worker threads elsewhere
 * (WebAssembly, so it also runs where native modules cannot; see `argon2-threads.ts`). Both make 32-byte salts and hashes with one lane,
 * so a hash stored by a service on one runtime verifies on the other.
 */
import { onBun } from "./runtime";

export interface Argon2Params {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
}

/** The defaults of Bun's password API, kept by both adapters: 64 MiB, 2 passes. */
export const ARGON2_DEFAULTS: Argon2Params = { memoryCost: 65_536, timeCost: 2 };

export interface Argon2id {
  hash(password: string, params: Argon2Params): Promise<string>;
  /** True when `password` matches the PHC string `stored`; false for any other hash. */
  verify(password: string, stored: string): Promise<boolean>;
}

let loaded: Promise<Argon2id> | undefined;

/** This runtime's argon2id (loaded once). */
export function argon2id(): Promise<Argon2id> {
  loaded ??= onBun()
    ? import("./bun/argon2-bun").then((module) => module.bunArgon2id)
    : import("./argon2-threads").then((module) => module.threadedArgon2id());
  return loaded;
}
