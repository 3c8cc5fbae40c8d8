import type { Cache } from "@questline/kit/cache/types";
import type { ServiceStorage } from "@questline/kit/storage/types";
import type { CatalogTables } from "../schema";
import { type Quest, visibleTo } from "./quest";
import { type CachedQuest, QuestCache } from "./quest-cache";
import { type CatalogDb, findQuest, listQuests, type QuestKey, questNotFound } from "./repository";

export interface QuestReadDeps {
  storage: ServiceStorage<CatalogTables>;
  cache: Cache;
}

/**
 * The catalog's reads: cached, filtered by what the caller may see. The whole of what the edge
 * serves (`edge/`); the catalog process adds the writes (`QuestCatalog`).
 */
export class QuestReads {
  protected readonly cache: QuestCache;

  constructor(protected readonly deps: QuestReadDeps) {
    this.cache = new QuestCache(deps.cache);
  }

  async list(tenantId: string, seesAll: boolean): Promise<Quest[]> {
    const store = await this.store(tenantId);
    const quests = await this.cache.list(tenantId, () => listQuests(store));
    return quests.filter((quest) => visibleTo(quest, seesAll));
  }

  async get(tenantId: string, key: QuestKey, seesAll: boolean): Promise<Quest> {
    return (await this.getCached(tenantId, key, seesAll)).quest;
  }

  /** The quest and its REST JSON text, from the cache when it has them. */
  async getCached(tenantId: string, key: QuestKey, seesAll: boolean): Promise<CachedQuest> {
    const store = await this.store(tenantId);
    const cached = await this.cache.one(tenantId, key, () => findQuest(store, key));
    if (!cached || !visibleTo(cached.quest, seesAll)) throw questNotFound(key);
    return cached;
  }

  /** Reads straight from storage, bypassing the cache (the watch poller and snapshots). */
  async current(tenantId: string): Promise<Quest[]> {
    return listQuests(await this.store(tenantId));
  }

  protected store(tenantId: string): Promise<CatalogDb> {
    return this.deps.storage.tenant(tenantId);
  }
}
