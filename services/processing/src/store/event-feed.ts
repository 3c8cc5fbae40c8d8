import type { TenantDb } from "@questline/kit/storage/types";
import { and, asc, eq, gt, or, type SQL, sql } from "drizzle-orm";
import type { ProcessingTables } from "../schema";
import type { EventRow } from "./event-codec";

type Store = TenantDb<ProcessingTables>;

/** Where a reader of the global order stands: the last event it read. */
export interface FeedCursor {
  transactionId: number;
  position: number;
}

export const FEED_START: FeedCursor = { transactionId: 0, position: 0 };

/**
 * Every event of the tenant in one global order, after `cursor`. On Postgres a position is taken
 * when a row is inserted, not when its transaction commits, so a slow transaction can commit a
 * lower position after a reader went past it. Rows therefore carry their transaction id and the
 * feed is ordered by (transaction id, position), showing only transactions older than every one
 * still in flight (`pg_snapshot_xmin`): what the feed returned can never gain an earlier row.
 * SQLite has one writer per file, so positions already are commit order (transaction id 0): the
 * feed is a range of the file's rowids.
 */
export async function readEventFeed(
  store: Store,
  cursor: FeedCursor,
  limit: number,
): Promise<{ events: EventRow[]; cursor: FeedCursor }> {
  const { events } = store.tables;
  const rows = await store.db
    .select()
    .from(events)
    .where(and(eq(events.tenantId, store.tenantId), afterCursor(store, cursor)))
    .orderBy(
      ...(store.dialect === "postgres" ? [asc(events.transactionId)] : []),
      asc(events.position),
    )
    .limit(limit);
  const last = rows.at(-1);
  return {
    events: rows,
    cursor: last ? { transactionId: last.transactionId, position: last.position } : cursor,
  };
}

function afterCursor(store: Store, cursor: FeedCursor): SQL | undefined {
  const { events } = store.tables;
  if (store.dialect === "sqlite") return gt(events.position, cursor.position);
  return and(
    or(
      gt(events.transactionId, cursor.transactionId),
      and(eq(events.transactionId, cursor.transactionId), gt(events.position, cursor.position)),
    ),
    sql`${events.transactionId} < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`,
  );
}
