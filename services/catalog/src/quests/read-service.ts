import type { Cache } from "@questline/kit/cache/types";
import { conflict } from "@questline/kit/errors";
import type { Logger } from "@questline/kit/logger";
import type { MetricsRegistry } from "@questline/kit/metrics";
import type { ServiceStorage } from "@questline/kit/storage/types";
import type { CatalogTables } from "../schema";
import { type Quest, visibleTo } from "./quest";
import { type CachedQuest, QuestCache } from "./quest-cache";
import { type CatalogDb, findQuest, listQuests, type QuestKey, questNotFound } from "./repository";
import { UnservableQuests } from "./unservable";

export interface QuestReadDeps {
  storage: ServiceStorage<CatalogTables>;
  cache: Cache;
  logger: Logger;
  metrics: MetricsRegistry;
}

/**
 * The catalog's reads: cached, filtered by what the caller may see; stored quests that break the
 * rules reach admins over REST only (see `unservable.ts`). The whole of what the edge serves
 * (`edge/`); the catalog process adds the writes (`QuestCatalog`).
 */
export class QuestReads {
  protected readonly cache: QuestCache;
  private readonly unservable: UnservableQuests;

  constructor(protected readonly deps: QuestReadDeps) {
    this.cache = new QuestCache(deps.cache);
    this.unservable = new UnservableQuests(deps.logger, deps.metrics);
  }

  /** The quests the caller may see; for admins (over REST) the unservable ones too. */
  async list(tenantId: string, seesAll: boolean): Promise<Quest[]> {
    const store = await this.store(tenantId);
    const quests = await this.cache.list(tenantId, () => listQuests(store));
    const visible = quests.filter((quest) => visibleTo(quest, seesAll));
    return seesAll ? visible : this.unservable.only(tenantId, visible);
  }

  /** The quests RPC callers get: the proto cannot carry an unservable quest, whoever asks. */
  async listServable(tenantId: string, seesAll: boolean): Promise<Quest[]> {
    return this.unservable.only(tenantId, await this.list(tenantId, seesAll));
  }

  /** One quest for an RPC caller: an unservable one is a 409 `quest_unservable`. */
  async getServable(tenantId: string, key: QuestKey, seesAll: boolean): Promise<Quest> {
    const quest = await this.get(tenantId, key, seesAll);
    if (!this.unservable.servable(tenantId, quest)) {
      throw conflict(
        "quest_unservable",
        `Quest ${quest.id} breaks the quest rules and cannot be served until an admin fixes it`,
      );
    }
    return quest;
  }

  async get(tenantId: string, key: QuestKey, seesAll: boolean): Promise<Quest> {
    return (await this.getCached(tenantId, key, seesAll)).quest;
  }

  /** The quest and its REST JSON text, from the cache when it has them. */
  async getCached(tenantId: string, key: QuestKey, seesAll: boolean): Promise<CachedQuest> {
    const store = await this.store(tenantId);
    const cached = await this.cache.one(tenantId, key, () => findQuest(store, key));
    if (!cached || !visibleTo(cached.quest, seesAll)) throw questNotFound(key);
    // A player never meets an unservable quest: to them it does not exist.
    if (!seesAll && cached.json.problems !== undefined) throw questNotFound(key);
    return cached;
  }

  /** The servable quests, straight from storage (the watch poller and snapshots). */
  async current(tenantId: string): Promise<Quest[]> {
    return this.unservable.only(tenantId, await listQuests(await this.store(tenantId)));
  }

  protected store(tenantId: string): Promise<CatalogDb> {
    return this.deps.storage.tenant(tenantId);
  }
}
