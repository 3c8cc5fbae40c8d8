import type { SqliteConnection, SqliteStatement, SqliteValue } from "@questline/kit/runtime/sqlite";
import type { TenantDb } from "@questline/kit/storage/types";
import {
  and,
  desc,
  eq,
  getTableColumns,
  is,
  Param,
  Placeholder,
  type Query,
  sql,
  type Table,
} from "drizzle-orm";
import type { ProcessingTables } from "../schema";
import type { KeyKind } from "./idempotency";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];

const p = sql.placeholder;

/**
 * A query of the append flow, built and prepared with placeholders once per connection object and
 * then only bound (building queries was ~40% of a tracked action's CPU). A prepared query runs on
 * the connection it was prepared on, so it is kept per `db` / `tx` object: on SQLite the writer's
 * transaction object is the same on every write, so a query is built once per open file; on
 * Postgres every transaction is a new object, so it is built once per transaction, on first use.
 */
function perConnection<Query>(build: (db: Db, tables: ProcessingTables) => Query) {
  const queries = new WeakMap<Db, Query>();
  return (store: Store, db: Db): Query => {
    let query = queries.get(db);
    if (query === undefined) {
      query = build(db, store.tables);
      queries.set(db, query);
    }
    return query;
  };
}

const keyTable = (tables: ProcessingTables, kind: KeyKind) =>
  kind === "action" ? tables.actionKeys : tables.claimKeys;

const storedAnswerOf = (kind: KeyKind) =>
  perConnection((db, tables) => {
    const table = keyTable(tables, kind);
    return db
      .select({ answer: table.answer, request: table.request })
      .from(table)
      .where(
        and(
          eq(table.tenantId, p("tenantId")),
          eq(table.streamId, p("streamId")),
          eq(table.key, p("key")),
        ),
      )
      .limit(1)
      .prepare(`stored_${kind}_answer`);
  });

/** The answer stored under a key: `{tenantId, streamId, key}`. */
export const storedAnswerQuery = {
  action: storedAnswerOf("action"),
  claim: storedAnswerOf("claim"),
};

/** A user's projection rows: `{tenantId, userId}`. */
export const progressRowsQuery = perConnection((db, { questProgress }) =>
  db
    .select()
    .from(questProgress)
    .where(and(eq(questProgress.tenantId, p("tenantId")), eq(questProgress.userId, p("userId"))))
    .prepare("progress_rows"),
);

/** A stream's last version (no row for an empty stream): `{tenantId, streamId}`. */
export const lastVersionQuery = perConnection((db, { events }) =>
  db
    .select({ version: events.version })
    .from(events)
    .where(and(eq(events.tenantId, p("tenantId")), eq(events.streamId, p("streamId"))))
    .orderBy(desc(events.version))
    .limit(1)
    .prepare("last_version"),
);

/** Row counts of the prepared multi-row writes: a batch's rows go in chunks of these sizes. */
const CHUNK_SIZES = [64, 16, 4, 1] as const;

/** The columns an insert supplies: every one the database does not fill in itself. */
type Supplied<T extends Table> = {
  [K in keyof T["_"]["columns"]]: T["_"]["columns"][K]["_"]["hasDefault"] extends true ? never : K;
}[keyof T["_"]["columns"]] &
  string;

type Placeholders<T extends Table> = { [Column in Supplied<T>]: ReturnType<typeof p> };

/**
 * `Supplied<T>` read from the table itself, so a column added to the schema is written without
 * a list to update. The tables are SQLite's at run time; `twinTables` holds them to the same
 * columns and defaults as the Postgres ones they are typed by.
 */
const suppliedColumns = <T extends Table>(table: T): Supplied<T>[] =>
  Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.hasDefault)
    .map(([name]) => name as Supplied<T>);

/** Where each `?` of a statement gets its value: a field of one of the chunk's rows, or a constant. */
type Slot =
  | { kind: "field"; row: number; field: string; encode(value: unknown): unknown }
  | { kind: "constant"; value: unknown };

interface RawStatement {
  statement: SqliteStatement;
  slots: Slot[];
}

/**
 * A multi-row SQLite write compiled once per open file and row count (`CHUNK_SIZES`), then run
 * with positional values. The query builder writes the SQL (so it follows the schema); what it
 * would redo on every run, building the query and matching hundreds of named placeholders, was
 * most of a batch's JavaScript time. Values go through each column's own encoder (JSON, dates,
 * booleans), as Drizzle would do. SQLite only: it runs on the writer connection (`$client`) that
 * the transaction object belongs to.
 */
function chunkedRows<T extends Table>(
  tableOf: (tables: ProcessingTables) => T,
  build: (
    db: Db,
    table: T,
    rows: Placeholders<T>[],
    tables: ProcessingTables,
  ) => { toSQL(): Query },
) {
  type Row = T["$inferInsert"];
  const compile = (db: Db, tables: ProcessingTables, count: number): RawStatement => {
    const table = tableOf(tables);
    const fields = suppliedColumns(table);
    const where = new Map<string, { row: number; field: string }>();
    const rows = Array.from({ length: count }, (_, row) => {
      const placeholders: Record<string, unknown> = {};
      for (const field of fields) {
        const name = `${field}${row}`;
        where.set(name, { row, field });
        placeholders[field] = p(name);
      }
      return placeholders as Placeholders<T>;
    });
    const query = build(db, table, rows, tables).toSQL();
    const slots = query.params.map((param): Slot => {
      if (is(param, Param) && is(param.value, Placeholder)) {
        const at = where.get(param.value.name ?? "");
        if (at === undefined) throw new Error(`unknown placeholder ${param.value.name}`);
        return { kind: "field", ...at, encode: (value) => param.encoder.mapToDriverValue(value) };
      }
      return { kind: "constant", value: param };
    });
    const client = (db as unknown as { $client: SqliteConnection }).$client;
    return { statement: client.prepare(query.sql), slots };
  };
  const ofCount = perConnection((db, tables) => {
    const compiled = new Map<number, RawStatement>();
    return (count: number): RawStatement => {
      let raw = compiled.get(count);
      if (raw === undefined) {
        raw = compile(db, tables, count);
        compiled.set(count, raw);
      }
      return raw;
    };
  });
  return (store: Store, db: Db, rows: readonly Row[]): void => {
    const statementOf = ofCount(store, db);
    for (let start = 0; start < rows.length; ) {
      const size = CHUNK_SIZES.find((one) => one <= rows.length - start) ?? 1;
      const { statement, slots } = statementOf(size);
      const values = slots.map((slot) =>
        slot.kind === "constant"
          ? slot.value
          : slot.encode(rows[start + slot.row]?.[slot.field as keyof Row]),
      );
      statement.run(...(values as SqliteValue[]));
      start += size;
    }
  };
}

type Tables = ProcessingTables;

/** Appends event rows (SQLite). */
export const insertEventRows = chunkedRows(
  (tables) => tables.events,
  (db, events, rows) => db.insert(events).values(rows),
);

/** Records idempotency answers of one kind (SQLite). */
const insertAnswerRowsOf = (kind: KeyKind) =>
  chunkedRows(
    (tables) => keyTable(tables, kind),
    (db, table, rows) => db.insert(table).values(rows),
  );

export const insertAnswerRows = {
  action: insertAnswerRowsOf("action"),
  claim: insertAnswerRowsOf("claim"),
};

/** The update of an upsert takes the proposed row's values: `excluded.<column>`. */
const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

/** The conflict clause of a projection upsert: the new standing replaces the stored one. */
export const progressUpsert = ({ questProgress }: Tables) => ({
  target: [questProgress.tenantId, questProgress.userId, questProgress.questName],
  set: {
    progress: excluded(questProgress.progress),
    completions: excluded(questProgress.completions),
    claims: excluded(questProgress.claims),
    lastCountedDay: excluded(questProgress.lastCountedDay),
    started: excluded(questProgress.started),
    version: excluded(questProgress.version),
  },
});

/** Writes projection rows, one per user and quest in a call (SQLite). */
export const upsertProgressRows = chunkedRows(
  (tables) => tables.questProgress,
  (db, questProgress, rows, tables) =>
    db.insert(questProgress).values(rows).onConflictDoUpdate(progressUpsert(tables)),
);
