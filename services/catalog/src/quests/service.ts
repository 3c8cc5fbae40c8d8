import type { Cache } from "@questline/kit/cache/types";
import { AppError, conflict } from "@questline/kit/errors";
import type { Logger } from "@questline/kit/logger";
import type { MetricsRegistry } from "@questline/kit/metrics";
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
  visibleTo,
} from "./quest";
import { type CachedQuest, QuestCache } from "./quest-cache";
import type { QuestChanges } from "./quest-changes";
import { validateDraft } from "./quest-rules";
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
import { UnservableQuests } from "./unservable";

export interface QuestCatalogDeps {
  storage: ServiceStorage<CatalogTables>;
  cache: Cache;
  changes: QuestChanges;
  logger: Logger;
  metrics: MetricsRegistry;
  clock?: () => Date;
}

/**
 * The catalog's use cases: cached reads filtered by what the caller may see, and admin writes that
 * version the quest, invalidate the cache and notify watchers. Stored quests that break the rules
 * reach admins over REST only (see `unservable.ts`).
 */
export class QuestCatalog {
  private readonly cache: QuestCache;
  private readonly clock: () => Date;
  private readonly unservable: UnservableQuests;

  constructor(private readonly deps: QuestCatalogDeps) {
    this.cache = new QuestCache(deps.cache);
    this.clock = deps.clock ?? (() => new Date());
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
