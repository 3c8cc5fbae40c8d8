import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** The storage suite's SQLite twin of `pg.ts`: same table, same columns, same JS values. */
export const notes = sqliteTable(
  "notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id").notNull(),
    title: text("title").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    counter: integer("counter").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [uniqueIndex("notes_tenant_title").on(table.tenantId, table.title)],
);
