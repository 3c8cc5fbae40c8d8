import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { EventMetadata, GrantItem, StoredAnswer } from "./values";

/** Postgres twin of `sqlite.ts`: same tables, same columns, same JS values. */

/** The append-only log: one stream per user, gapless versions, a global position. */
export const events = pgTable(
  "events",
  {
    position: bigserial("position", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id").notNull(),
    streamId: text("stream_id").notNull(),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    metadata: jsonb("metadata").$type<EventMetadata>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    // The writing transaction: readers of the global order skip transactions still in flight.
    transactionId: bigint("transaction_id", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    uniqueIndex("events_stream_version_key").on(t.tenantId, t.streamId, t.version),
    index("events_global_order_idx").on(t.tenantId, t.transactionId, t.position),
  ],
);

const idempotencyColumns = {
  tenantId: text("tenant_id").notNull(),
  streamId: text("stream_id").notNull(),
  key: text("key").notNull(),
  answer: jsonb("answer").$type<StoredAnswer>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  /**
   * What the first request asked (`action:<name>`, `claim:<quest>`): the same key with another
   * request is refused, never answered with this answer. Null on rows older than the column.
   */
  request: text("request"),
};

/** Actions seen per user (`signin:<session id>`, idempotency keys) and the answer they got. */
export const actionKeys = pgTable("action_keys", idempotencyColumns, (t) => [
  primaryKey({ name: "action_keys_pkey", columns: [t.tenantId, t.streamId, t.key] }),
]);

/** Claims made with an `Idempotency-Key` and the answer they got. */
export const claimKeys = pgTable("claim_keys", idempotencyColumns, (t) => [
  primaryKey({ name: "claim_keys_pkey", columns: [t.tenantId, t.streamId, t.key] }),
]);

/** The progress projection: one row per user and quest they touched. */
export const questProgress = pgTable(
  "quest_progress",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    questName: text("quest_name").notNull(),
    progress: integer("progress").notNull(),
    completions: integer("completions").notNull(),
    claims: integer("claims").notNull(),
    lastCountedDay: text("last_counted_day"),
    started: boolean("started").notNull(),
    /** The stream version of the last event that changed this row. */
    version: integer("version").notNull(),
  },
  (t) => [
    primaryKey({ name: "quest_progress_pkey", columns: [t.tenantId, t.userId, t.questName] }),
  ],
);

/** Wallet grants waiting for (or done with) delivery to auth. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id").notNull(),
    grantId: text("grant_id").notNull(),
    userId: text("user_id").notNull(),
    items: jsonb("items").$type<GrantItem[]>().notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    uniqueIndex("outbox_grant_key").on(t.tenantId, t.grantId),
    index("outbox_due_idx").on(t.tenantId, t.deliveredAt, t.nextAttemptAt),
  ],
);
