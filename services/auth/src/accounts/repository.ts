import type { Role } from "@questline/kit/principal";
import { isRole } from "@questline/kit/principal";
import type { Db, TenantDb } from "@questline/kit/storage/types";
import { and, eq } from "drizzle-orm";
import type { AuthTables } from "../schema";

export interface Account {
  id: string;
  userName: string;
  passwordHash: string;
  roles: Role[];
  createdAt: number;
}

/** Names are unique per tenant whatever their case. */
export const nameKeyOf = (userName: string) => userName.toLowerCase();

/** Roles an account can hold: `service` belongs to service credentials, never to a user. */
export const ACCOUNT_ROLES: readonly Role[] = ["player", "admin"];

const rolesFrom = (stored: string): Role[] =>
  stored.split(",").filter((role): role is Role => isRole(role) && ACCOUNT_ROLES.includes(role));

/** The accounts of one tenant. Every query names the tenant. */
export function accountRepository(store: TenantDb<AuthTables>) {
  const { accounts } = store.tables;
  const tenantId = store.tenantId;
  const toAccount = (row: typeof accounts.$inferSelect): Account => ({
    id: row.id,
    userName: row.userName,
    passwordHash: row.passwordHash,
    roles: rolesFrom(row.roles),
    createdAt: row.createdAt,
  });

  async function findById(db: Db, id: string): Promise<Account | undefined> {
    const [row] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)));
    return row === undefined ? undefined : toAccount(row);
  }

  async function findByName(db: Db, userName: string): Promise<Account | undefined> {
    const [row] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.nameKey, nameKeyOf(userName))));
    return row === undefined ? undefined : toAccount(row);
  }

  /** Inserts the account; a taken name surfaces as a unique violation. */
  async function insert(tx: Db, account: Account): Promise<Account> {
    const [row] = await tx
      .insert(accounts)
      .values({
        tenantId,
        id: account.id,
        userName: account.userName,
        nameKey: nameKeyOf(account.userName),
        passwordHash: account.passwordHash,
        roles: account.roles.join(","),
        createdAt: account.createdAt,
      })
      .returning();
    if (row === undefined) throw new Error("insert returned no account");
    return toAccount(row);
  }

  async function update(
    tx: Db,
    id: string,
    change: { roles?: Role[]; passwordHash?: string },
  ): Promise<Account | undefined> {
    const [row] = await tx
      .update(accounts)
      .set({
        ...(change.roles === undefined ? {} : { roles: change.roles.join(",") }),
        ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
      })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)))
      .returning();
    return row === undefined ? undefined : toAccount(row);
  }

  return { findById, findByName, insert, update };
}
