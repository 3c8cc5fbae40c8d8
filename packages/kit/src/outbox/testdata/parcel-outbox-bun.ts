import { Database } from "bun:sqlite";
import type { OutboxItem, OutboxStore } from "../deliverer";

export interface Parcel extends OutboxItem {
  id: string;
  nextAttemptAt: number;
  leaseUntil: number;
  deliveredAt: number | null;
  lastError: string | null;
}

const columns = `id, attempts, next_attempt_at AS nextAttemptAt, lease_until AS leaseUntil,
  delivered_at AS deliveredAt, last_error AS lastError`;

/**
 * The deliverer suite's outbox: one in-memory SQLite database per tenant, written the way a
 * service writes its outbox (lease = one UPDATE … RETURNING of the oldest due rows).
 */
export function parcelOutbox(tenantIds: readonly string[]) {
  const tenants = new Map(tenantIds.map((tenantId) => [tenantId, openTenant()]));
  const db = (tenantId: string) => {
    const found = tenants.get(tenantId);
    if (!found) throw new Error(`unknown tenant ${tenantId}`);
    return found;
  };

  const store: OutboxStore<Parcel> = {
    async lease(tenantId, now, leaseUntil, limit, ids) {
      const due = `delivered_at IS NULL AND next_attempt_at <= $now AND lease_until <= $now
        AND ($ids IS NULL OR id IN (SELECT value FROM json_each($ids)))`;
      return db(tenantId)
        .query<Parcel, Record<string, string | number | null>>(
          `UPDATE parcels SET lease_until = $leaseUntil WHERE ${due} AND id IN
            (SELECT id FROM parcels WHERE ${due} ORDER BY next_attempt_at LIMIT $limit)
          RETURNING ${columns}`,
        )
        .all({ $now: now, $leaseUntil: leaseUntil, $limit: limit, $ids: json(ids) });
    },
    async delivered(tenantId, parcel, now) {
      db(tenantId)
        .query("UPDATE parcels SET delivered_at = ?, attempts = ?, lease_until = 0 WHERE id = ?")
        .run(now, parcel.attempts + 1, parcel.id);
    },
    async failed(tenantId, parcel, nextAttemptAt, error) {
      db(tenantId)
        .query(
          `UPDATE parcels SET next_attempt_at = ?, attempts = ?, last_error = ?, lease_until = 0
          WHERE id = ?`,
        )
        .run(nextAttemptAt, parcel.attempts + 1, error, parcel.id);
    },
  };

  return {
    store,
    /** Adds parcels due at `dueAt`. */
    add(tenantId: string, ids: readonly string[], dueAt: number) {
      const insert = db(tenantId).query(
        "INSERT INTO parcels (id, attempts, next_attempt_at, lease_until) VALUES (?, 0, ?, 0)",
      );
      for (const id of ids) insert.run(id, dueAt);
    },
    parcel(tenantId: string, id: string): Parcel | null {
      return db(tenantId)
        .query<Parcel, string>(`SELECT ${columns} FROM parcels WHERE id = ?`)
        .get(id);
    },
    /** Makes the tenant's storage fail, as a database that went away would. */
    breakTenant(tenantId: string) {
      db(tenantId).close();
    },
  };
}

const json = (ids: readonly string[] | undefined) => (ids ? JSON.stringify(ids) : null);

function openTenant(): Database {
  const database = new Database(":memory:");
  database.run(`CREATE TABLE parcels (
    id TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error TEXT
  )`);
  return database;
}
