import type { TenantDb } from "@questline/kit/storage/types";
import { asc, eq } from "drizzle-orm";
import { touchedQuests } from "../domain/progress-view";
import { evolve, initialState, type UserQuestsState } from "../domain/state";
import type { ProcessingTables } from "../schema";
import { type EventRow, toQuestEvent } from "./event-codec";

type Store = TenantDb<ProcessingTables>;
type ProgressRow = ProcessingTables["questProgress"]["$inferSelect"];

export interface RebuildReport {
  /** The replayed projection equals what was stored before. */
  equal: boolean;
  users: number;
  events: number;
}

const INSERT_CHUNK = 500;

/**
 * Drops the tenant's progress projection and replays it from the log, in one transaction, so a
 * concurrent append either lands before (and is replayed) or after (and updates the new rows).
 */
export function rebuildProjection(store: Store): Promise<RebuildReport> {
  const { events, questProgress } = store.tables;
  return store.transaction(async (tx) => {
    const log = await tx
      .select()
      .from(events)
      .where(eq(events.tenantId, store.tenantId))
      .orderBy(asc(events.streamId), asc(events.version));
    const replayed = replayRows(store.tenantId, log);
    const stored = await tx
      .select()
      .from(questProgress)
      .where(eq(questProgress.tenantId, store.tenantId));
    const equal = sameRows(stored, replayed.rows);
    await tx.delete(questProgress).where(eq(questProgress.tenantId, store.tenantId));
    for (let start = 0; start < replayed.rows.length; start += INSERT_CHUNK) {
      await tx.insert(questProgress).values(replayed.rows.slice(start, start + INSERT_CHUNK));
    }
    return { equal, users: replayed.users, events: log.length };
  });
}

function replayRows(tenantId: string, log: readonly EventRow[]) {
  const streams = new Map<string, { state: UserQuestsState; versions: Map<string, number> }>();
  for (const row of log) {
    const stream = streams.get(row.streamId) ?? { state: initialState(), versions: new Map() };
    const event = toQuestEvent(row);
    stream.state = evolve(stream.state, event);
    for (const quest of touchedQuests([event])) stream.versions.set(quest, row.version);
    streams.set(row.streamId, stream);
  }
  const rows: ProgressRow[] = [];
  for (const [userId, { state, versions }] of streams) {
    for (const [questName, standing] of state.quests) {
      rows.push({
        tenantId,
        userId,
        questName,
        ...standing,
        version: versions.get(questName) ?? 0,
      });
    }
  }
  return { rows, users: streams.size };
}

const rowKey = (row: ProgressRow) =>
  JSON.stringify([
    row.userId,
    row.questName,
    row.progress,
    row.completions,
    row.claims,
    row.lastCountedDay,
    row.started,
    row.version,
  ]);

function sameRows(stored: readonly ProgressRow[], replayed: readonly ProgressRow[]): boolean {
  if (stored.length !== replayed.length) return false;
  const keys = new Set(stored.map(rowKey));
  return replayed.every((row) => keys.has(rowKey(row)));
}
