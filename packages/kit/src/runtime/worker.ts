/**
 * The background-thread seam: a worker that never keeps the process alive on its own. Bun's Web
 * Worker with `ref: false` on Bun (it also finds the worker embedded in a `bun build --compile`
 * binary); `node:worker_threads`, unreferenced, elsewhere (Deno's Web Worker has no `unref`). The
 * worker's own code talks through `parentPort` of `node:worker_threads`, which both runtimes give it.
 */
import { Worker } from "node:worker_threads";
import { onBun } from "./runtime";

export interface BackgroundWorker {
  post(message: unknown): void;
  onMessage(listener: (data: unknown) => void): void;
  /** The thread failed (its script threw, or did not load). */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

export interface WorkerScript {
  /** The script beside the calling module, when running from source. */
  url: URL;
  /** Its path from the repository root: where a compiled binary embeds it (a build entry point). */
  embeddedPath: string;
}

export type WorkerStarter = (script: WorkerScript) => BackgroundWorker;

export function startNodeWorker(script: WorkerScript): BackgroundWorker {
  const worker = new Worker(script.url);
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on("message", listener),
    onError: (listener) => worker.on("error", (error) => listener(String(error))),
    terminate: () => void worker.terminate(),
  };
}

/** How this runtime starts a background worker (loaded once). */
export async function workerStarter(): Promise<WorkerStarter> {
  if (!onBun()) return startNodeWorker;
  return (await import("./bun/worker-bun")).startBunWorker;
}
