import type { TenantDb } from "@questline/kit/storage/types";
import type { QuestProgress, UserQuestsState } from "../domain/state";
import type { ProcessingTables } from "../schema";
import { lastVersionQuery, progressRowsQuery } from "./statements";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];
type ProgressRow = ProcessingTables["questProgress"]["$inferSelect"];

/** A user's stream as a command sees it: the decider's state and the version it was read at. */
export interface StreamState {
  state: UserQuestsState;
  version: number;
}

export const toQuestProgress = (row: ProgressRow): QuestProgress => ({
  progress: row.progress,
  completions: row.completions,
  claims: row.claims,
  lastCountedDay: row.lastCountedDay,
  started: row.started,
});

/**
 * Reads the state from the projection (one row per quest the user touched) instead of replaying
 * the stream: the cost stays flat however long the user's history grows. The version comes from
 * the log itself, so the append's unique key is checked against the truth.
 */
export async function readStreamState(store: Store, db: Db, userId: string): Promise<StreamState> {
  const [rows, last] = await Promise.all([
    progressRowsQuery(store, db).execute({ tenantId: store.tenantId, userId }),
    lastVersionQuery(store, db).execute({ tenantId: store.tenantId, streamId: userId }),
  ]);
  const quests = new Map(rows.map((row) => [row.questName, toQuestProgress(row)] as const));
  return { state: { quests }, version: last[0]?.version ?? 0 };
}
