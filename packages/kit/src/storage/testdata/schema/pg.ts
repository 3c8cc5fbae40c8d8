import {
  boolean,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** The storage suite's Postgres twin of `sqlite.ts`; repositories are typed against this one. */
export const notes = pgTable(
  "notes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    tenantId: text("tenant_id").notNull(),
    title: text("title").notNull(),
    tags: jsonb("tags").$type<string[]>().notNull(),
    pinned: boolean("pinned").notNull().default(false),
    counter: integer("counter").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [uniqueIndex("notes_tenant_title").on(table.tenantId, table.title)],
);
