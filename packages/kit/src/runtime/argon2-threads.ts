/**
 * The portable argon2id (`hash-wasm`) run on worker threads, as Bun's password API runs off the
 * JavaScript thread: a sign-in costs a quarter of a second of CPU, and inline it would hold up
 * every other request of the process meanwhile. Threads start on first use, one per core up to
 * four; they keep the process alive only while a job is in flight. Where threads cannot start,
 * the work runs inline.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Argon2Answer, Argon2Job } from "./argon2.worker";
import { wasmArgon2id } from "./argon2-wasm";
import type { Argon2id } from "./passwords";

type Pending = { resolve(value: string | boolean): void; reject(error: Error): void };

interface Thread {
  worker: Worker;
  inFlight: number;
}

/** Distributive: each job kind without its id. */
type JobWithoutId = Argon2Job extends infer J
  ? J extends Argon2Job
    ? Omit<J, "id">
    : never
  : never;

export function threadedArgon2id(threadCount = Math.min(4, availableParallelism())): Argon2id {
  const pending = new Map<number, Pending>();
  let threads: Thread[] | undefined;
  let nextId = 1;

  const start = (): Thread[] => {
    const started: Thread[] = [];
    for (let index = 0; index < threadCount; index++) {
      const worker = new Worker(new URL("./argon2.worker.ts", import.meta.url));
      const thread = { worker, inFlight: 0 };
      worker.unref();
      worker.on("message", (answer: Argon2Answer) => {
        const job = pending.get(answer.id);
        pending.delete(answer.id);
        if (--thread.inFlight === 0) worker.unref();
        if ("error" in answer) job?.reject(new Error(answer.error));
        else job?.resolve(answer.value);
      });
      started.push(thread);
    }
    return started;
  };

  const run = (job: JobWithoutId): Promise<string | boolean> => {
    threads ??= start();
    const thread = threads.reduce((least, one) => (one.inFlight < least.inFlight ? one : least));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (thread.inFlight++ === 0) thread.worker.ref();
      thread.worker.postMessage({ ...job, id });
    });
  };

  let inline = false;
  const guarded = async <R>(threaded: () => Promise<R>, fallback: () => Promise<R>) => {
    if (inline) return fallback();
    try {
      threads ??= start();
    } catch {
      inline = true;
      return fallback();
    }
    return threaded();
  };

  return {
    hash: (password, params) =>
      guarded(
        async () => String(await run({ op: "hash", password, params })),
        () => wasmArgon2id.hash(password, params),
      ),
    verify: (password, stored) =>
      guarded(
        async () => (await run({ op: "verify", password, stored })) === true,
        () => wasmArgon2id.verify(password, stored),
      ),
  };
}
