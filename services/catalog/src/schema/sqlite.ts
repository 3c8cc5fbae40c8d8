import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Cadence, QuestStatus, Reward } from "../quests/quest";

/** SQLite twin of `pg.ts`: same tables, same columns, same JS values. */
export const quests = sqliteTable(
  "quests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    trigger: text("trigger").notNull(),
    target: integer("target").notNull(),
    cadence: text("cadence").$type<Cadence>().notNull(),
    consecutive: integer("consecutive", { mode: "boolean" }).notNull(),
    timezone: text("timezone").notNull(),
    maxCompletions: integer("max_completions"),
    autoClaim: integer("auto_claim", { mode: "boolean" }).notNull(),
    autoStart: integer("auto_start", { mode: "boolean" }).notNull(),
    rewards: text("rewards", { mode: "json" }).$type<Reward[]>().notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }),
    status: text("status").$type<QuestStatus>().notNull(),
    version: integer("version").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("quests_tenant_name_key").on(t.tenantId, t.name),
    index("quests_tenant_id_idx").on(t.tenantId, t.id),
  ],
);
