import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Cadence, QuestStatus, Reward } from "../quests/quest";

/** Postgres twin of `sqlite.ts`: same tables, same columns, same JS values. */
export const quests = pgTable(
  "quests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    trigger: text("trigger").notNull(),
    target: integer("target").notNull(),
    cadence: text("cadence").$type<Cadence>().notNull(),
    consecutive: boolean("consecutive").notNull(),
    timezone: text("timezone").notNull(),
    maxCompletions: integer("max_completions"),
    autoClaim: boolean("auto_claim").notNull(),
    autoStart: boolean("auto_start").notNull(),
    rewards: jsonb("rewards").$type<Reward[]>().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }),
    status: text("status").$type<QuestStatus>().notNull(),
    version: integer("version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    uniqueIndex("quests_tenant_name_key").on(t.tenantId, t.name),
    index("quests_tenant_id_idx").on(t.tenantId, t.id),
  ],
);
