import type { OutboxStore } from "@questline/kit/outbox/deliverer";
import type { ServiceStorage, TenantDb } from "@questline/kit/storage/types";
import { and, asc, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { ProcessingTables } from "../schema";

export type OutboxRow = ProcessingTables["outbox"]["$inferSelect"];

/**
 * The grants outbox as the kit's deliverer sees it; ids are grant ids (the claim ids).
 *
 * `lease` is one `UPDATE … WHERE id IN (oldest due …) RETURNING` whose outer condition re-checks
 * that each row is still due and unleased, so two replicas never both take a row (SQLite: one
 * writer; Postgres: SERIALIZABLE re-runs the loser). A lease that runs out (its replica crashed)
 * makes the row due again.
 */
export function grantOutbox(storage: ServiceStorage<ProcessingTables>): OutboxStore<OutboxRow> {
  return {
    async lease(tenantId, now, leaseUntil, limit, grantIds) {
      const store = await storage.tenant(tenantId);
      const { outbox } = store.tables;
      const at = new Date(now);
      const due = and(
        eq(outbox.tenantId, store.tenantId),
        isNull(outbox.deliveredAt),
        lte(outbox.nextAttemptAt, at),
        or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, at)),
        grantIds ? inArray(outbox.grantId, [...grantIds]) : undefined,
      );
      return store.transaction((tx) => {
        const oldestDue = tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(due)
          .orderBy(asc(outbox.nextAttemptAt))
          .limit(limit);
        return tx
          .update(outbox)
          .set({ leaseUntil: new Date(leaseUntil) })
          .where(and(due, inArray(outbox.id, oldestDue)))
          .returning();
      });
    },
    async delivered(tenantId, row, now) {
      await settle(await storage.tenant(tenantId), row.id, {
        deliveredAt: new Date(now),
        leaseUntil: null,
        lastError: null,
        attempts: row.attempts + 1,
      });
    },
    async failed(tenantId, row, nextAttemptAt, error) {
      await settle(await storage.tenant(tenantId), row.id, {
        nextAttemptAt: new Date(nextAttemptAt),
        leaseUntil: null,
        lastError: error.slice(0, 500),
        attempts: row.attempts + 1,
      });
    },
  };
}

/** Records how an attempt ended; the row's lease is released with it. */
async function settle(store: TenantDb<ProcessingTables>, id: number, changes: Partial<OutboxRow>) {
  const { outbox } = store.tables;
  await store.transaction((tx) =>
    tx
      .update(outbox)
      .set(changes)
      .where(and(eq(outbox.tenantId, store.tenantId), eq(outbox.id, id))),
  );
}

/** Undelivered grants of the tenant (readiness, tests and operators). */
export async function pendingGrants(store: TenantDb<ProcessingTables>): Promise<OutboxRow[]> {
  const { outbox } = store.tables;
  return store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, store.tenantId), isNull(outbox.deliveredAt)))
    .orderBy(asc(outbox.id));
}
