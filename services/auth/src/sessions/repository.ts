import type { SessionStart } from "@questline/kit/principal";
import type { Db, TenantDb } from "@questline/kit/storage/types";
import { and, eq, isNull } from "drizzle-orm";
import type { AuthTables } from "../schema";

export interface StoredRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: number;
  spentAt: number | null;
  revokedAt: number | null;
  sessionStart: SessionStart;
}

export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  sessionStart: SessionStart;
}

/** The refresh tokens of one tenant, found by their hash. Every query names the tenant. */
export function sessionRepository(store: TenantDb<AuthTables>) {
  const { refreshTokens: tokens } = store.tables;
  const tenantId = store.tenantId;

  async function insert(tx: Db, token: NewRefreshToken): Promise<void> {
    await tx
      .insert(tokens)
      .values({ tenantId, ...token })
      .returning({ id: tokens.id });
  }

  async function findByHash(db: Db, tokenHash: string): Promise<StoredRefreshToken | undefined> {
    const [row] = await db
      .select({
        id: tokens.id,
        familyId: tokens.familyId,
        userId: tokens.userId,
        expiresAt: tokens.expiresAt,
        spentAt: tokens.spentAt,
        revokedAt: tokens.revokedAt,
        sessionStart: tokens.sessionStart,
      })
      .from(tokens)
      .where(and(eq(tokens.tenantId, tenantId), eq(tokens.tokenHash, tokenHash)));
    return row;
  }

  /** Marks the token spent; false when it was already spent or revoked (a racing use). */
  async function spend(tx: Db, id: string, now: number): Promise<boolean> {
    const rows = await tx
      .update(tokens)
      .set({ spentAt: now })
      .where(
        and(
          eq(tokens.tenantId, tenantId),
          eq(tokens.id, id),
          isNull(tokens.spentAt),
          isNull(tokens.revokedAt),
        ),
      )
      .returning({ id: tokens.id });
    return rows.length === 1;
  }

  /** Revokes every live token of the family (the chain born from one sign-in). */
  async function revokeFamily(tx: Db, familyId: string, now: number): Promise<number> {
    const rows = await tx
      .update(tokens)
      .set({ revokedAt: now })
      .where(
        and(eq(tokens.tenantId, tenantId), eq(tokens.familyId, familyId), isNull(tokens.revokedAt)),
      )
      .returning({ id: tokens.id });
    return rows.length;
  }

  return { insert, findByHash, spend, revokeFamily };
}
