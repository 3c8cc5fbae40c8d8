/**
 * A thread that hashes and verifies passwords with `hash-wasm` (see `argon2-threads.ts`): argon2id
 * spends a quarter of a second of CPU per call, which must not stall the thread serving requests.
 */
import { parentPort } from "node:worker_threads";
import { wasmArgon2id } from "./argon2-wasm";
import type { Argon2Params } from "./passwords";

export type Argon2Job =
  | { id: number; op: "hash"; password: string; params: Argon2Params }
  | { id: number; op: "verify"; password: string; stored: string };

export type Argon2Answer = { id: number; value: string | boolean } | { id: number; error: string };

parentPort?.on("message", async (job: Argon2Job) => {
  try {
    const value =
      job.op === "hash"
        ? await wasmArgon2id.hash(job.password, job.params)
        : await wasmArgon2id.verify(job.password, job.stored);
    parentPort?.postMessage({ id: job.id, value } satisfies Argon2Answer);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: String(error) } satisfies Argon2Answer);
  }
});
