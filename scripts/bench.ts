/**
 * The bench command (`npm run bench` / `bun run bench`), through the bootstrap like `dev` and
 * `test`, so it works on a machine with only Node.js and npm: runs `bench/run.ts` with the same
 * arguments (`--smoke`, `--only sqlite|postgres`, `--out DIR`).
 */
await import("../bench/run");

export {};
