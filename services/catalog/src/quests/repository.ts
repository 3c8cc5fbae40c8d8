import { conflict, notFound } from "@questline/kit/errors";
import type { Db, TenantDb } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import { and, asc, eq } from "drizzle-orm";
import type { CatalogTables } from "../schema";
import type { Quest, QuestDraft, QuestStatus } from "./quest";

/** Reads and writes quest rows of one tenant; every query names the tenant. */
export type CatalogDb = TenantDb<CatalogTables>;

/** Where a query runs: the tenant's read connection, or a transaction (`inTransaction`). */
export type QuestScope = Pick<CatalogDb, "tables" | "tenantId"> & { db: Db };

/** Runs `fn` in one transaction of the tenant's store, with queries scoped to it. */
export const inTransaction = <R>(store: CatalogDb, fn: (scope: QuestScope) => Promise<R>) =>
  store.transaction((tx) => fn({ tables: store.tables, tenantId: store.tenantId, db: tx }));

type QuestRow = CatalogTables["quests"]["$inferSelect"];

const toQuest = (row: QuestRow): Quest => ({
  id: row.id,
  name: row.name,
  title: row.title,
  description: row.description,
  trigger: row.trigger,
  target: row.target,
  cadence: row.cadence,
  consecutive: row.consecutive,
  timezone: row.timezone,
  maxCompletions: row.maxCompletions,
  autoClaim: row.autoClaim,
  autoStart: row.autoStart,
  rewards: row.rewards,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  status: row.status,
  version: row.version,
});

export async function listQuests(store: QuestScope): Promise<Quest[]> {
  const { quests } = store.tables;
  const rows = await store.db
    .select()
    .from(quests)
    .where(eq(quests.tenantId, store.tenantId))
    .orderBy(asc(quests.id));
  return rows.map(toQuest);
}

export type QuestKey = { id: number } | { name: string };

export async function findQuest(store: QuestScope, key: QuestKey): Promise<Quest | undefined> {
  const { quests } = store.tables;
  const match = "id" in key ? eq(quests.id, key.id) : eq(quests.name, key.name);
  const [row] = await store.db
    .select()
    .from(quests)
    .where(and(eq(quests.tenantId, store.tenantId), match))
    .limit(1);
  return row ? toQuest(row) : undefined;
}

export async function getQuest(store: QuestScope, key: QuestKey): Promise<Quest> {
  const quest = await findQuest(store, key);
  if (!quest) throw questNotFound(key);
  return quest;
}

export const questNotFound = (key: QuestKey) =>
  notFound(
    "quest_not_found",
    "id" in key ? `No quest with id ${key.id}` : `No quest named "${key.name}"`,
  );

/** Inserts a new quest at version 1; a taken name is a 409 `name_taken`. */
export async function insertQuest(
  store: QuestScope,
  draft: QuestDraft,
  status: QuestStatus,
  now: Date,
): Promise<Quest> {
  const { quests } = store.tables;
  try {
    const [row] = await store.db
      .insert(quests)
      .values({
        ...draft,
        tenantId: store.tenantId,
        status,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return toQuest(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("name_taken", `A quest named "${draft.name}" already exists`);
    }
    throw error;
  }
}

/** Stores `next` only if the row is still at `next.version - 1`; undefined when it is not. */
export async function replaceQuest(
  store: QuestScope,
  next: Quest,
  now: Date,
): Promise<Quest | undefined> {
  const { quests } = store.tables;
  const { id, name, ...fields } = next;
  const [row] = await store.db
    .update(quests)
    .set({ ...fields, updatedAt: now })
    .where(
      and(
        eq(quests.tenantId, store.tenantId),
        eq(quests.id, id),
        eq(quests.version, next.version - 1),
      ),
    )
    .returning();
  return row ? toQuest(row) : undefined;
}
