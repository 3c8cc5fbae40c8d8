import type { Cache } from "@questline/kit/cache/types";
import { AppError } from "@questline/kit/errors";
import type { ServiceStorage } from "@questline/kit/storage/types";
import type { CatalogTables } from "../schema";
import {
  applyChanges,
  assertVersion,
  type Quest,
  type QuestDraft,
  type QuestChanges as QuestEdit,
  type QuestStatus,
  transition,
  validateDraft,
  visibleTo,
} from "./quest";
import { type CachedQuest, QuestCache } from "./quest-cache";
import type { QuestChanges } from "./quest-changes";
import {
  type CatalogDb,
  findQuest,
  getQuest,
  insertQuest,
  inTransaction,
  listQuests,
  type QuestKey,
  questNotFound,
  replaceQuest,
} from "./repository";

export interface QuestCatalogDeps {
  storage: ServiceStorage<CatalogTables>;
  cache: Cache;
  changes: QuestChanges;
  clock?: () => Date;
}

/**
 * The catalog's use cases: cached reads filtered by what the caller may see, and admin writes that
 * version the quest, invalidate the cache and notify watchers.
 */
export class QuestCatalog {
  private readonly cache: QuestCache;
  private readonly clock: () => Date;

  constructor(private readonly deps: QuestCatalogDeps) {
    this.cache = new QuestCache(deps.cache);
    this.clock = deps.clock ?? (() => new Date());
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

  /** Creates a quest, as a draft unless told to publish it at once. */
  async create(
    tenantId: string,
    draft: QuestDraft,
    status: "draft" | "published" = "draft",
  ): Promise<Quest> {
    const store = await this.store(tenantId);
    const valid = validateDraft(draft);
    const quest = await inTransaction(store, (scope) =>
      insertQuest(scope, valid, status, this.clock()),
    );
    await this.changed(tenantId, quest);
    return quest;
  }

  async update(
    tenantId: string,
    id: number,
    edit: QuestEdit,
    expectedVersion?: number,
  ): Promise<Quest> {
    return this.edit(tenantId, id, (quest) => {
      assertVersion(quest, expectedVersion);
      return applyChanges(quest, edit);
    });
  }

  async setStatus(tenantId: string, id: number, status: QuestStatus): Promise<Quest> {
    return this.edit(tenantId, id, (quest) => transition(quest, status));
  }

  /** Reads, changes and stores a quest in one transaction, so concurrent edits never lose one. */
  private async edit(
    tenantId: string,
    id: number,
    change: (quest: Quest) => Quest,
  ): Promise<Quest> {
    const store = await this.store(tenantId);
    const saved = await inTransaction(store, async (scope) => {
      const next = change(await getQuest(scope, { id }));
      const stored = await replaceQuest(scope, next, this.clock());
      if (!stored)
        throw new AppError("conflict", "version_conflict", `Quest ${id} changed meanwhile; retry`);
      return stored;
    });
    await this.changed(tenantId, saved);
    return saved;
  }

  private async changed(tenantId: string, quest: Quest): Promise<void> {
    await this.cache.invalidate(tenantId);
    this.deps.changes.publish(tenantId, quest);
  }

  private store(tenantId: string): Promise<CatalogDb> {
    return this.deps.storage.tenant(tenantId);
  }
}
