import { AppError } from "@questline/kit/errors";
import {
  applyChanges,
  assertVersion,
  type Quest,
  type QuestDraft,
  type QuestChanges as QuestEdit,
  type QuestStatus,
  transition,
} from "./quest";
import type { QuestChanges } from "./quest-changes";
import { validateDraft } from "./quest-rules";
import { type QuestReadDeps, QuestReads } from "./read-service";
import { getQuest, insertQuest, inTransaction, replaceQuest } from "./repository";

export interface QuestCatalogDeps extends QuestReadDeps {
  changes: QuestChanges;
  clock?: () => Date;
}

/**
 * The catalog's use cases: the cached reads (`QuestReads`), and admin writes that version the
 * quest, invalidate the cache and notify watchers.
 */
export class QuestCatalog extends QuestReads {
  private readonly clock: () => Date;
  private readonly changes: QuestChanges;

  constructor(deps: QuestCatalogDeps) {
    super(deps);
    this.changes = deps.changes;
    this.clock = deps.clock ?? (() => new Date());
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
    this.changes.publish(tenantId, quest);
  }
}
