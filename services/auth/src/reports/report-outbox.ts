import type { OutboxStore } from "@questline/kit/outbox/deliverer";
import type { Db, ServiceStorage } from "@questline/kit/storage/types";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { SignedInEvent } from "../accounts/service";
import type { AuthTables } from "../schema";

export type ActionReport = AuthTables["actionReports"]["$inferSelect"];

/**
 * The id processing counts a sign-in or sign-up under: `<action>:<session id>`, the same one its
 * REST routes use, so a session counts once however many tokens its refreshes issue.
 */
export const actionIdOf = (event: SignedInEvent) => `${event.action}:${event.principal.session.id}`;

/**
 * Adds a report to the outbox inside the transaction that opens the session. The first retry is
 * `retryAfterMs` away: the report is tried once right after the commit anyway.
 */
export async function recordReport(
  tx: Db,
  tables: AuthTables,
  event: SignedInEvent,
  retryAfterMs: number,
): Promise<void> {
  await tx.insert(tables.actionReports).values({
    tenantId: event.principal.tenantId,
    actionId: actionIdOf(event),
    userId: event.principal.userId,
    action: event.action,
    occurredAt: event.occurredAt,
    attempts: 0,
    nextAttemptAt: event.occurredAt + retryAfterMs,
    leaseUntil: 0,
  });
}

/** The outbox of reports, one table per tenant store; leases make replicas share it safely. */
export function reportStore(storage: ServiceStorage<AuthTables>): OutboxStore<ActionReport> {
  return {
    async lease(tenantId, now, leaseUntil, limit, actionIds) {
      const store = await storage.tenant(tenantId);
      const { actionReports: reports } = store.tables;
      return store.transaction(async (tx) => {
        const due = await tx
          .select({ actionId: reports.actionId })
          .from(reports)
          .where(
            and(
              eq(reports.tenantId, tenantId),
              isNull(reports.deliveredAt),
              lte(reports.nextAttemptAt, now),
              lte(reports.leaseUntil, now),
              actionIds ? inArray(reports.actionId, [...actionIds]) : undefined,
            ),
          )
          .orderBy(asc(reports.nextAttemptAt))
          .limit(limit);
        if (due.length === 0) return [];
        return tx
          .update(reports)
          .set({ leaseUntil })
          .where(
            and(
              eq(reports.tenantId, tenantId),
              inArray(
                reports.actionId,
                due.map((row) => row.actionId),
              ),
            ),
          )
          .returning();
      });
    },
    delivered: (tenantId, report, now) => markDelivered(storage, tenantId, report.actionId, now),
    async failed(tenantId, report, nextAttemptAt, error) {
      await settle(storage, tenantId, report.actionId, {
        attempts: report.attempts + 1,
        nextAttemptAt,
        leaseUntil: 0,
        lastError: error.slice(0, 500),
      });
    },
  };
}

export const markDelivered = (
  storage: ServiceStorage<AuthTables>,
  tenantId: string,
  actionId: string,
  now: number,
) => settle(storage, tenantId, actionId, { deliveredAt: now, leaseUntil: 0 });

async function settle(
  storage: ServiceStorage<AuthTables>,
  tenantId: string,
  actionId: string,
  changes: Partial<ActionReport>,
): Promise<void> {
  const store = await storage.tenant(tenantId);
  const { actionReports: reports } = store.tables;
  await store.transaction((tx) =>
    tx
      .update(reports)
      .set(changes)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.actionId, actionId)))
      .returning(),
  );
}
