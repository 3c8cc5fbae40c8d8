/** Background workers on Bun: a Web Worker that never keeps the process alive (`ref: false`). */
import type { BackgroundWorker, WorkerScript } from "../worker";

/** Beside the caller from source; at its embedded path inside a compiled binary (`$bunfs`). */
const specifierOf = (script: WorkerScript): string =>
  import.meta.url.includes("$bunfs") ? `./${script.embeddedPath}` : script.url.href;

export function startBunWorker(script: WorkerScript): BackgroundWorker {
  const worker = new Worker(specifierOf(script), { ref: false });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) =>
      worker.addEventListener("message", (event: MessageEvent) => listener(event.data)),
    onError: (listener) => worker.addEventListener("error", (event) => listener(event.message)),
    terminate: () => worker.terminate(),
  };
}
