import type { TenantDb } from "@questline/kit/storage/types";
import { and, desc, eq, sql } from "drizzle-orm";
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
      .select({ answer: table.answer })
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

type Placeholders<Row> = { [Field in keyof Row]: ReturnType<typeof p> };
interface Executable {
  execute(params: Record<string, unknown>): Promise<unknown>;
}

/**
 * A multi-row write prepared once per connection and row count (`CHUNK_SIZES`), then only bound:
 * building a 128-row insert with the query builder cost more than SQLite took to run it.
 */
function chunkedRows<Row extends object>(
  fields: readonly (keyof Row & string)[],
  build: (db: Db, tables: ProcessingTables, rows: Placeholders<Row>[], count: number) => Executable,
) {
  // The placeholder names of row `index`, made once: `${field}${index}` per field.
  const names: string[][] = [];
  const namesOf = (index: number): string[] => {
    let row = names[index];
    if (row === undefined) {
      row = fields.map((field) => `${field}${index}`);
      names[index] = row;
    }
    return row;
  };
  const ofCount = perConnection((db, tables) => {
    const prepared = new Map<number, Executable>();
    return (count: number): Executable => {
      let query = prepared.get(count);
      if (query === undefined) {
        const rows = Array.from(
          { length: count },
          (_, index) =>
            Object.fromEntries(
              namesOf(index).map((name, field) => [fields[field], p(name)]),
            ) as Placeholders<Row>,
        );
        query = build(db, tables, rows, count);
        prepared.set(count, query);
      }
      return query;
    };
  });
  return async (store: Store, db: Db, rows: readonly Row[]): Promise<void> => {
    const statementOf = ofCount(store, db);
    for (let start = 0; start < rows.length; ) {
      const size = CHUNK_SIZES.find((one) => one <= rows.length - start) ?? 1;
      const params: Record<string, unknown> = {};
      for (let index = 0; index < size; index++) {
        const row = rows[start + index] as Row;
        const rowNames = namesOf(index);
        for (let field = 0; field < fields.length; field++) {
          params[rowNames[field] as string] = row[fields[field] as keyof Row];
        }
      }
      await statementOf(size).execute(params);
      start += size;
    }
  };
}

type Tables = ProcessingTables;

/** Appends event rows. */
export const insertEventRows = chunkedRows<Tables["events"]["$inferInsert"]>(
  ["tenantId", "streamId", "version", "type", "data", "metadata", "occurredAt"],
  (db, { events }, rows, count) => db.insert(events).values(rows).prepare(`insert_events_${count}`),
);

/** Records idempotency answers of one kind. */
const insertAnswerRowsOf = (kind: KeyKind) =>
  chunkedRows<Tables["actionKeys"]["$inferInsert"]>(
    ["tenantId", "streamId", "key", "answer", "createdAt"],
    (db, tables, rows, count) =>
      db.insert(keyTable(tables, kind)).values(rows).prepare(`insert_${kind}_keys_${count}`),
  );

export const insertAnswerRows = {
  action: insertAnswerRowsOf("action"),
  claim: insertAnswerRowsOf("claim"),
};

/** The update of an upsert takes the proposed row's values: `excluded.<column>`. */
export const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

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

/** Writes projection rows (one per user and quest in a call). */
export const upsertProgressRows = chunkedRows<Tables["questProgress"]["$inferInsert"]>(
  [
    "tenantId",
    "userId",
    "questName",
    "progress",
    "completions",
    "claims",
    "lastCountedDay",
    "started",
    "version",
  ],
  (db, tables, rows, count) =>
    db
      .insert(tables.questProgress)
      .values(rows)
      .onConflictDoUpdate(progressUpsert(tables))
      .prepare(`upsert_progress_${count}`),
);
