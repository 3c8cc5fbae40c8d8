import type { TenantDb } from "@questline/kit/storage/types";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { ProcessingTables } from "../schema";

type Store = TenantDb<ProcessingTables>;
export type OutboxRow = ProcessingTables["outbox"]["$inferSelect"];

export interface LeaseOptions {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only these grants (the ones a request just committed); all due grants when absent. */
  grantIds?: readonly string[];
}

/**
 * Takes up to `limit` due grants for this replica: undelivered, due, and not leased by another
 * replica (or its lease ran out, e.g. it crashed). The update re-checks the conditions, so two
 * replicas never both take a row (SQLite: one writer; Postgres: SERIALIZABLE re-runs the loser).
 */
export function leaseDueGrants(store: Store, options: LeaseOptions): Promise<OutboxRow[]> {
  const { outbox } = store.tables;
  const { now } = options;
  const due = and(
    eq(outbox.tenantId, store.tenantId),
    isNull(outbox.deliveredAt),
    lte(outbox.nextAttemptAt, now),
    or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)),
    options.grantIds ? inArray(outbox.grantId, [...options.grantIds]) : undefined,
  );
  return store.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(due)
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(options.limit);
    if (candidates.length === 0) return [];
    return tx
      .update(outbox)
      .set({ leaseUntil: new Date(now.getTime() + options.leaseMs) })
      .where(
        and(
          due,
          inArray(
            outbox.id,
            candidates.map((row) => row.id),
          ),
        ),
      )
      .returning();
  });
}

/** The grant reached the wallet (or the wallet already had it): done for good. */
export async function markDelivered(store: Store, id: number, now: Date): Promise<void> {
  const { outbox } = store.tables;
  await store.transaction((tx) =>
    tx
      .update(outbox)
      .set({
        deliveredAt: now,
        leaseUntil: null,
        lastError: null,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(and(eq(outbox.tenantId, store.tenantId), eq(outbox.id, id))),
  );
}

/** The wallet did not answer: try again after `retryAt`, and release the lease. */
export async function markFailed(
  store: Store,
  row: OutboxRow,
  retryAt: Date,
  error: string,
): Promise<void> {
  const { outbox } = store.tables;
  await store.transaction((tx) =>
    tx
      .update(outbox)
      .set({
        nextAttemptAt: retryAt,
        leaseUntil: null,
        lastError: error.slice(0, 500),
        attempts: row.attempts + 1,
      })
      .where(and(eq(outbox.tenantId, store.tenantId), eq(outbox.id, row.id))),
  );
}

/** Undelivered grants of the tenant (readiness, tests and operators). */
export async function pendingGrants(store: Store): Promise<OutboxRow[]> {
  const { outbox } = store.tables;
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, store.tenantId), isNull(outbox.deliveredAt)))
    .orderBy(asc(outbox.id));
}
