import { createClient, type Transport } from "@connectrpc/connect";
import { unavailable } from "@questline/kit/errors";
import type { Logger } from "@questline/kit/logger";
import type { Counter } from "@questline/kit/metrics";
import type { TokenSource } from "@questline/kit/service-token";
import { TENANT_HEADER } from "@questline/kit/tenant";
import {
  QuestCatalogService,
  type WatchQuestsResponse,
} from "@questline/proto/catalog/v1/catalog_pb";
import type { QuestBook, QuestRules } from "../domain/quest-rules";
import { toQuestRules } from "./quest-mapping";
import { unusableBecause } from "./usable-quest";

export interface QuestCopyOptions {
  /** A transport to the catalog's RPC (gRPC in production). */
  catalog: Transport;
  tokens: TokenSource;
  logger: Logger;
  /** Counts quests left out of the copy because they cannot be applied (see `usable-quest.ts`). */
  skipped?: Counter;
  /** How long a request waits for a tenant's first snapshot before a 503 (default 5 s). */
  firstLoadTimeoutMs?: number;
  /** Reconnect delays: from `minBackoffMs`, doubling, up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The local copy of every tenant's quest definitions, fed by the catalog's `WatchQuests` stream
 * (a snapshot, then each change), so tracking never calls the catalog. A tenant's watch starts on
 * its first use and reconnects with backoff; while the catalog is away the last copy keeps serving.
 */
export class QuestCopy {
  private readonly watches = new Map<string, TenantWatch>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: QuestCopyOptions) {}

  /** The tenant's quests; waits for the first snapshot, 503 `quests_unavailable` if it never comes. */
  async book(tenantId: string): Promise<QuestBook> {
    const watch = this.watchOf(tenantId);
    if (watch.book) return watch.book;
    const timeoutMs = this.options.firstLoadTimeoutMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, undefined);
    });
    const book = await Promise.race([watch.loaded, late]).finally(() => clearTimeout(timer));
    if (book === undefined) {
      throw unavailable("quests_unavailable", "The quest definitions are not loaded yet; retry");
    }
    return book;
  }

  /** True once the tenant's first snapshot arrived (starts its watch when needed). */
  isLoaded(tenantId: string): boolean {
    return this.watchOf(tenantId).book !== undefined;
  }

  close(): void {
    this.stopping.abort();
  }

  private watchOf(tenantId: string): TenantWatch {
    let watch = this.watches.get(tenantId);
    if (!watch) {
      watch = new TenantWatch(tenantId, this.options, this.stopping.signal);
      this.watches.set(tenantId, watch);
      void watch.run();
    }
    return watch;
  }
}

class TenantWatch {
  book: QuestBook | undefined;
  readonly loaded: Promise<QuestBook>;
  private resolveLoaded: (book: QuestBook) => void = () => undefined;

  constructor(
    private readonly tenantId: string,
    private readonly options: QuestCopyOptions,
    private readonly signal: AbortSignal,
  ) {
    this.loaded = new Promise((resolve) => {
      this.resolveLoaded = resolve;
    });
  }

  async run(): Promise<void> {
    const { minBackoffMs = 200, maxBackoffMs = 10_000, logger } = this.options;
    const client = createClient(QuestCatalogService, this.options.catalog);
    let delay = minBackoffMs;
    while (!this.signal.aborted) {
      try {
        const headers = {
          authorization: `Bearer ${await this.options.tokens.token()}`,
          [TENANT_HEADER]: this.tenantId,
        };
        for await (const message of client.watchQuests({}, { headers, signal: this.signal })) {
          this.apply(message);
          delay = minBackoffMs;
        }
      } catch (error) {
        if (this.signal.aborted) return;
        logger.warn("quest watch interrupted", { tenant: this.tenantId, error });
      }
      await sleepUnlessAborted(delay, this.signal);
      delay = Math.min(delay * 2, maxBackoffMs);
    }
  }

  private apply(message: WatchQuestsResponse): void {
    const { event } = message;
    if (event.case === "snapshot") {
      this.replace(event.value.quests.map(toQuestRules).filter((quest) => this.usable(quest)));
    } else if (event.case === "changed") {
      const changed = toQuestRules(event.value);
      const quests = new Map(this.book ?? []);
      // An unusable new version takes the old one out too: it no longer says what counts.
      if (this.usable(changed)) quests.set(changed.name, changed);
      else quests.delete(changed.name);
      this.replace(quests.values());
    }
  }

  private usable(quest: QuestRules): boolean {
    const problems = unusableBecause(quest);
    if (problems.length === 0) return true;
    this.options.skipped?.inc({ tenant: this.tenantId });
    this.options.logger.warn("quest skipped: it cannot be applied", {
      tenant: this.tenantId,
      quest: quest.name,
      quest_id: quest.id,
      version: quest.version,
      problems,
    });
    return false;
  }

  private replace(quests: Iterable<QuestRules>): void {
    const book: QuestBook = new Map(Array.from(quests, (quest) => [quest.name, quest] as const));
    this.book = book;
    this.resolveLoaded(book);
  }
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
