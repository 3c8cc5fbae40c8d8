/**
 * Auth's Postgres tables. Twin of `sqlite.ts`: the same table and column names and keys. Every
 * table carries `tenant_id`, and it leads every primary and unique key. Times are epoch ms.
 */

import type { SessionStart } from "@questline/kit/principal";
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const epochMs = <Name extends string>(name: Name) => bigint(name, { mode: "number" });

export const accounts = pgTable(
  "accounts",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    userName: text("user_name").notNull(),
    /** Lower-cased name: names are unique per tenant regardless of case. */
    nameKey: text("name_key").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Comma-separated roles, e.g. `player,admin`. */
    roles: text("roles").notNull(),
    createdAt: epochMs("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("accounts_tenant_name_key").on(t.tenantId, t.nameKey),
  ],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    /** Every token rotated from one sign-in shares the family of the first. */
    familyId: text("family_id").notNull(),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: epochMs("created_at").notNull(),
    expiresAt: epochMs("expires_at").notNull(),
    spentAt: epochMs("spent_at"),
    revokedAt: epochMs("revoked_at"),
    /** How the family began: every token refreshed from it stands for this sign-in or sign-up. */
    sessionStart: text("session_start").$type<SessionStart>().notNull().default("signin"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("refresh_tokens_tenant_hash_key").on(t.tenantId, t.tokenHash),
    index("refresh_tokens_tenant_family_idx").on(t.tenantId, t.familyId),
  ],
);

export const walletGrants = pgTable(
  "wallet_grants",
  {
    tenantId: text("tenant_id").notNull(),
    grantId: text("grant_id").notNull(),
    userId: text("user_id").notNull(),
    /** JSON `[{item, qty}]`, sorted by item: compared when a grant id comes back. */
    items: text("items").notNull(),
    reason: text("reason").notNull(),
    /** JSON `{item: balance}` right after the grant: what a repeat returns. */
    balancesAfter: text("balances_after").notNull(),
    createdAt: epochMs("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grantId] })],
);

export const walletEntries = pgTable(
  "wallet_entries",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    /** 1, 2, 3… per user: the ledger's order and its page cursor. */
    position: integer("position").notNull(),
    grantId: text("grant_id").notNull(),
    item: text("item").notNull(),
    qty: integer("qty").notNull(),
    reason: text("reason").notNull(),
    createdAt: epochMs("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.position] })],
);

/** Sign-ins and sign-ups not yet reported to processing (docs/architecture.md, Sign-in reports). */
export const actionReports = pgTable(
  "action_reports",
  {
    tenantId: text("tenant_id").notNull(),
    /** `signin:<session id>` / `signup:<session id>`: the id processing counts the action under. */
    actionId: text("action_id").notNull(),
    userId: text("user_id").notNull(),
    action: text("action").notNull(),
    occurredAt: epochMs("occurred_at").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: epochMs("next_attempt_at").notNull(),
    leaseUntil: epochMs("lease_until").notNull(),
    deliveredAt: epochMs("delivered_at"),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.actionId] }),
    index("action_reports_due_idx").on(t.tenantId, t.deliveredAt, t.nextAttemptAt),
  ],
);
