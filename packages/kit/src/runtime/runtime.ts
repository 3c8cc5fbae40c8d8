/**
 * Which JavaScript runtime this process runs on, decided once. Every runtime concern (HTTP host,
 * SQLite, Redis, passwords, workers, static assets) has one module beside this file that loads its
 * Bun adapter (`./bun/…`) on Bun, the fast default, and a portable adapter elsewhere (Deno, or a
 * plain fetch handler at the edge). Nothing outside those modules asks which runtime it is on.
 */
export type RuntimeName = "bun" | "deno" | "other";

const detected: RuntimeName = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "other";

export const runtimeName = (): RuntimeName => detected;

/** True on Bun, where the Bun adapters are used. */
export const onBun = (): boolean => detected === "bun";
