/**
 * `twinTables` is a compile-time check: each drifted twin below must be refused by `tsc` (an
 * unused `@ts-expect-error` fails the type check), and a true pair accepted. The runtime part of
 * the test only shows the pair passes through unchanged.
 */
import { expect, test } from "bun:test";
import { bigserial, boolean, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { integer, sqliteTable, text as sqliteText } from "drizzle-orm/sqlite-core";
import { twinTables } from "./twin-tables";

const notes = pgTable("notes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  body: text("body").notNull(),
  tags: jsonb("tags").$type<string[]>().notNull(),
  pinned: boolean("pinned").notNull(),
  archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
});

const twin = sqliteTable("notes", {
  id: integer("id").primaryKey(),
  body: sqliteText("body").notNull(),
  tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
  pinned: integer("pinned", { mode: "boolean" }).notNull(),
  archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
});

test("a true pair of twins passes through unchanged", () => {
  const tables = { postgres: { notes }, sqlite: { notes: twin } };
  expect(twinTables(tables)).toBe(tables);
});

test("tsc refuses every kind of drift (see the @ts-expect-error lines)", () => {
  const drifted = {
    missingColumn: sqliteTable("notes", {
      id: integer("id").primaryKey(),
      body: sqliteText("body").notNull(),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned", { mode: "boolean" }).notNull(),
    }),
    otherValue: sqliteTable("notes", {
      id: integer("id").primaryKey(),
      body: sqliteText("body").notNull(),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned").notNull(),
      archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    }),
    nullable: sqliteTable("notes", {
      id: integer("id").primaryKey(),
      body: sqliteText("body"),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned", { mode: "boolean" }).notNull(),
      archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    }),
    otherSqlName: sqliteTable("notes", {
      id: integer("id").primaryKey(),
      body: sqliteText("text").notNull(),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned", { mode: "boolean" }).notNull(),
      archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    }),
    defaulted: sqliteTable("notes", {
      id: integer("id").primaryKey(),
      body: sqliteText("body").notNull().default(""),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned", { mode: "boolean" }).notNull(),
      archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    }),
    otherTable: sqliteTable("memos", {
      id: integer("id").primaryKey(),
      body: sqliteText("body").notNull(),
      tags: sqliteText("tags", { mode: "json" }).$type<string[]>().notNull(),
      pinned: integer("pinned", { mode: "boolean" }).notNull(),
      archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    }),
  };
  const pairs = [
    // @ts-expect-error a column is missing
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.missingColumn } }),
    // @ts-expect-error `pinned` is a number, not a boolean
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.otherValue } }),
    // @ts-expect-error `body` may be null
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.nullable } }),
    // @ts-expect-error `body` is the SQL column `text`
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.otherSqlName } }),
    // @ts-expect-error `body` has a default: an insert may omit it on one side only
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.defaulted } }),
    // @ts-expect-error the SQL table is `memos`
    twinTables({ postgres: { notes }, sqlite: { notes: drifted.otherTable } }),
    // @ts-expect-error a table is missing from the SQLite schema
    twinTables({ postgres: { notes, more: notes }, sqlite: { notes: twin } }),
    // @ts-expect-error a table is missing from the Postgres schema
    twinTables({ postgres: { notes }, sqlite: { notes: twin, more: twin } }),
  ];
  expect(pairs).toHaveLength(8);
});
