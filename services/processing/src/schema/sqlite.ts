import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { EventMetadata, GrantItem, StoredAnswer } from "./values";

/** SQLite twin of `pg.ts`: same tables, same columns, same JS values. */

export const events = sqliteTable(
  "events",
  {
    position: integer("position").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id").notNull(),
    streamId: text("stream_id").notNull(),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    metadata: text("metadata", { mode: "json" }).$type<EventMetadata>().notNull(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    // One writer at a time per file: positions are already in commit order, so this stays 0.
    transactionId: integer("transaction_id").notNull().default(0),
  },
  // No global-order index: the feed reads a file in `position` (rowid) order, and an index every
  // append must also write cost ~15% of an append (see the processing README).
  (t) => [uniqueIndex("events_stream_version_key").on(t.tenantId, t.streamId, t.version)],
);

const idempotencyColumns = {
  tenantId: text("tenant_id").notNull(),
  streamId: text("stream_id").notNull(),
  key: text("key").notNull(),
  answer: text("answer", { mode: "json" }).$type<StoredAnswer>().notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  /**
   * What the first request asked (`action:<name>`, `claim:<quest>`): the same key with another
   * request is refused, never answered with this answer. Null on rows older than the column.
   */
  request: text("request"),
};

export const actionKeys = sqliteTable("action_keys", idempotencyColumns, (t) => [
  primaryKey({ name: "action_keys_pkey", columns: [t.tenantId, t.streamId, t.key] }),
]);

export const claimKeys = sqliteTable("claim_keys", idempotencyColumns, (t) => [
  primaryKey({ name: "claim_keys_pkey", columns: [t.tenantId, t.streamId, t.key] }),
]);

export const questProgress = sqliteTable(
  "quest_progress",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    questName: text("quest_name").notNull(),
    progress: integer("progress").notNull(),
    completions: integer("completions").notNull(),
    claims: integer("claims").notNull(),
    lastCountedDay: text("last_counted_day"),
    started: integer("started", { mode: "boolean" }).notNull(),
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ name: "quest_progress_pkey", columns: [t.tenantId, t.userId, t.questName] }),
  ],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id").notNull(),
    grantId: text("grant_id").notNull(),
    userId: text("user_id").notNull(),
    items: text("items", { mode: "json" }).$type<GrantItem[]>().notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("outbox_grant_key").on(t.tenantId, t.grantId),
    index("outbox_due_idx").on(t.tenantId, t.deliveredAt, t.nextAttemptAt),
  ],
);
