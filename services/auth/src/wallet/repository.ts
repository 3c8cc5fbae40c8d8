import type { Db, TenantDb } from "@questline/kit/storage/types";
import { and, desc, eq, lt, max, sum } from "drizzle-orm";
import type { AuthTables } from "../schema";
import type { Balances, GrantInput } from "./grant";

export interface StoredGrant extends GrantInput {
  balancesAfter: Balances;
}

export interface LedgerEntry {
  position: number;
  grantId: string;
  item: string;
  qty: number;
  reason: string;
  createdAt: number;
}

/** The wallet tables of one tenant. Every query names the tenant. */
export function walletRepository(store: TenantDb<AuthTables>) {
  const { walletGrants: grants, walletEntries: entries } = store.tables;
  const tenantId = store.tenantId;

  async function findGrant(db: Db, grantId: string): Promise<StoredGrant | undefined> {
    const [row] = await db
      .select()
      .from(grants)
      .where(and(eq(grants.tenantId, tenantId), eq(grants.grantId, grantId)));
    if (row === undefined) return undefined;
    return {
      grantId: row.grantId,
      userId: row.userId,
      items: JSON.parse(row.items),
      reason: row.reason,
      balancesAfter: JSON.parse(row.balancesAfter),
    };
  }

  async function balancesOf(db: Db, userId: string): Promise<Balances> {
    const rows = await db
      .select({ item: entries.item, total: sum(entries.qty) })
      .from(entries)
      .where(and(eq(entries.tenantId, tenantId), eq(entries.userId, userId)))
      .groupBy(entries.item)
      .orderBy(entries.item);
    return Object.fromEntries(rows.map((row) => [row.item, Number(row.total ?? 0)]));
  }

  /** Appends the grant's entries after the user's last one and records the grant; one transaction. */
  async function applyGrant(tx: Db, grant: GrantInput, now: number): Promise<Balances> {
    const [last] = await tx
      .select({ position: max(entries.position) })
      .from(entries)
      .where(and(eq(entries.tenantId, tenantId), eq(entries.userId, grant.userId)));
    const start = (last?.position ?? 0) + 1;
    await tx
      .insert(entries)
      .values(
        grant.items.map(({ item, qty }, index) => ({
          tenantId,
          userId: grant.userId,
          position: start + index,
          grantId: grant.grantId,
          item,
          qty,
          reason: grant.reason,
          createdAt: now,
        })),
      )
      .returning({ position: entries.position });
    const balancesAfter = await balancesOf(tx, grant.userId);
    await tx
      .insert(grants)
      .values({
        tenantId,
        grantId: grant.grantId,
        userId: grant.userId,
        items: JSON.stringify(grant.items),
        reason: grant.reason,
        balancesAfter: JSON.stringify(balancesAfter),
        createdAt: now,
      })
      .returning({ grantId: grants.grantId });
    return balancesAfter;
  }

  /** The user's entries, newest first, strictly before `before` when given. */
  async function ledgerPage(
    userId: string,
    limit: number,
    before?: number,
  ): Promise<LedgerEntry[]> {
    const conditions = [eq(entries.tenantId, tenantId), eq(entries.userId, userId)];
    if (before !== undefined) conditions.push(lt(entries.position, before));
    return store.db
      .select({
        position: entries.position,
        grantId: entries.grantId,
        item: entries.item,
        qty: entries.qty,
        reason: entries.reason,
        createdAt: entries.createdAt,
      })
      .from(entries)
      .where(and(...conditions))
      .orderBy(desc(entries.position))
      .limit(limit);
  }

  return { findGrant, balancesOf, applyGrant, ledgerPage };
}
