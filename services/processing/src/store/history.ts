import type { TenantDb } from "@questline/kit/storage/types";
import { and, asc, eq, gt } from "drizzle-orm";
import type { ProcessingTables } from "../schema";
import type { EventRow } from "./event-codec";

type Store = TenantDb<ProcessingTables>;

/** One stored event as the history and admin views show it. */
export interface EventJson {
  version: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventRow["metadata"];
  occurred_at: string;
}

export const toEventJson = (row: EventRow): EventJson => ({
  version: row.version,
  position: row.position,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  occurred_at: row.occurredAt.toISOString(),
});

/** A page of one user's stream, oldest first, after version `after`; `next_after` continues it. */
export async function readHistory(store: Store, userId: string, after: number, limit: number) {
  const { events } = store.tables;
  const rows = await store.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.tenantId, store.tenantId),
        eq(events.streamId, userId),
        gt(events.version, after),
      ),
    )
    .orderBy(asc(events.version))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toEventJson),
    next_after: rows.length > limit && last ? last.version : null,
  };
}
