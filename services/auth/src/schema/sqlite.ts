/** Auth's SQLite tables: twin of `pg.ts` (same names and keys; see there for the why). */

import type { SessionStart } from "@questline/kit/principal";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const accounts = sqliteTable(
  "accounts",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    userName: text("user_name").notNull(),
    nameKey: text("name_key").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("accounts_tenant_name_key").on(t.tenantId, t.nameKey),
  ],
);

export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    familyId: text("family_id").notNull(),
    userId: text("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    spentAt: integer("spent_at"),
    revokedAt: integer("revoked_at"),
    /** How the family began: every token refreshed from it stands for this sign-in or sign-up. */
    sessionStart: text("session_start").$type<SessionStart>().notNull().default("signin"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("refresh_tokens_tenant_hash_key").on(t.tenantId, t.tokenHash),
    index("refresh_tokens_tenant_family_idx").on(t.tenantId, t.familyId),
  ],
);

export const walletGrants = sqliteTable(
  "wallet_grants",
  {
    tenantId: text("tenant_id").notNull(),
    grantId: text("grant_id").notNull(),
    userId: text("user_id").notNull(),
    items: text("items").notNull(),
    reason: text("reason").notNull(),
    balancesAfter: text("balances_after").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grantId] })],
);

export const walletEntries = sqliteTable(
  "wallet_entries",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    position: integer("position").notNull(),
    grantId: text("grant_id").notNull(),
    item: text("item").notNull(),
    qty: integer("qty").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.position] })],
);

/** Sign-ins and sign-ups not yet reported to processing (docs/architecture.md, Sign-in reports). */
export const actionReports = sqliteTable(
  "action_reports",
  {
    tenantId: text("tenant_id").notNull(),
    /** `signin:<session id>` / `signup:<session id>`: the id processing counts the action under. */
    actionId: text("action_id").notNull(),
    userId: text("user_id").notNull(),
    action: text("action").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    leaseUntil: integer("lease_until").notNull(),
    deliveredAt: integer("delivered_at"),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.actionId] }),
    index("action_reports_due_idx").on(t.tenantId, t.deliveredAt, t.nextAttemptAt),
  ],
);
