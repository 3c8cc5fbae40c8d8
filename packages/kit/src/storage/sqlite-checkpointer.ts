import type { Logger } from "../logger";
import type { SqliteDriverName } from "../runtime/sqlite";
import type { BackgroundWorker, WorkerStarter } from "../runtime/worker";
import type { CheckpointerMessage, WorkerReport } from "./sqlite-checkpointer.worker";

/** How often the thread checkpoints every open file. */
const INTERVAL_MS = 200;

/**
 * The worker's file from the repository root: `deploy/build-binaries.ts` embeds it in each binary
 * as a second entry point, where a compiled binary finds it by this path.
 */
export const CHECKPOINTER_WORKER_PATH = "packages/kit/src/storage/sqlite-checkpointer.worker.ts";

/**
 * Moves WAL checkpoints off the thread that serves requests. SQLite's automatic checkpoint runs
 * inside the commit that crosses the WAL's size limit, copying pages and syncing the file on the
 * writer's thread; under a steady write load that was about a third of a batch's time. A worker
 * thread with its own connections checkpoints every open file a few times a second instead.
 *
 * It is an optimisation, never a dependency: writers keep an automatic checkpoint with a larger
 * limit (`WRITER_AUTOCHECKPOINT_PAGES`), so a WAL still cannot grow without bound if the thread
 * is slow, failed to start, or died.
 */
export class SqliteCheckpointer {
  #worker: BackgroundWorker | undefined;
  #failed = false;

  constructor(
    private readonly logger: Logger,
    private readonly startWorker: WorkerStarter,
    /** The driver the thread opens files with: the same as the writers'. */
    private readonly driver: SqliteDriverName,
  ) {}

  /** The WAL limit (pages) a writer connection keeps: the fallback when the thread lags. */
  static readonly WRITER_AUTOCHECKPOINT_PAGES = 10_000;

  watch(path: string): void {
    this.#post({ type: "watch", path });
  }

  unwatch(path: string): void {
    if (this.#worker) this.#post({ type: "unwatch", path });
  }

  stop(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #post(message: CheckpointerMessage): void {
    const worker = this.#started();
    worker?.post(message);
  }

  #started(): BackgroundWorker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    try {
      const worker = this.startWorker({
        url: new URL("./sqlite-checkpointer.worker.ts", import.meta.url),
        embeddedPath: CHECKPOINTER_WORKER_PATH,
      });
      worker.onError((error) => {
        this.logger.warn("sqlite checkpointer stopped; writers checkpoint themselves", { error });
        this.#failed = true;
        this.#worker = undefined;
      });
      worker.onMessage((data) => {
        const report = data as WorkerReport;
        if (report.type === "started") this.logger.debug("sqlite checkpointer started");
        else
          this.logger.warn("sqlite checkpoint failed", { path: report.path, error: report.error });
      });
      worker.post({
        type: "start",
        intervalMs: INTERVAL_MS,
        driver: this.driver,
      } satisfies CheckpointerMessage);
      this.#worker = worker;
    } catch (error) {
      this.logger.warn("sqlite checkpointer unavailable; writers checkpoint themselves", { error });
      this.#failed = true;
    }
    return this.#worker;
  }
}
