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

const storeAnswerOf = (kind: KeyKind) =>
  perConnection((db, tables) =>
    db
      .insert(keyTable(tables, kind))
      .values({
        tenantId: p("tenantId"),
        streamId: p("streamId"),
        key: p("key"),
        answer: p("answer"),
        createdAt: p("createdAt"),
      })
      .prepare(`store_${kind}_answer`),
  );

/** The answer stored under a key: `{tenantId, streamId, key}`. */
export const storedAnswerQuery = {
  action: storedAnswerOf("action"),
  claim: storedAnswerOf("claim"),
};

/** Records an answer: `{tenantId, streamId, key, answer, createdAt}`. */
export const storeAnswerQuery = { action: storeAnswerOf("action"), claim: storeAnswerOf("claim") };

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

/** Writes one projection row: `{tenantId, userId, questName}` and the quest's standing. */
export const upsertProgressQuery = perConnection((db, { questProgress }) => {
  // The update takes the proposed row's values, so each value is bound once.
  const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;
  return db
    .insert(questProgress)
    .values({
      tenantId: p("tenantId"),
      userId: p("userId"),
      questName: p("questName"),
      progress: p("progress"),
      completions: p("completions"),
      claims: p("claims"),
      lastCountedDay: p("lastCountedDay"),
      started: p("started"),
      version: p("version"),
    })
    .onConflictDoUpdate({
      target: [questProgress.tenantId, questProgress.userId, questProgress.questName],
      set: {
        progress: excluded(questProgress.progress),
        completions: excluded(questProgress.completions),
        claims: excluded(questProgress.claims),
        lastCountedDay: excluded(questProgress.lastCountedDay),
        started: excluded(questProgress.started),
        version: excluded(questProgress.version),
      },
    })
    .prepare("upsert_progress");
});

const EVENT_FIELDS = [
  "tenantId",
  "streamId",
  "version",
  "type",
  "data",
  "metadata",
  "occurredAt",
] as const;

type NewEventRow = ProcessingTables["events"]["$inferInsert"];

const eventPlaceholders = (index: number) =>
  Object.fromEntries(EVENT_FIELDS.map((field) => [field, p(`${field}${index}`)])) as Record<
    (typeof EVENT_FIELDS)[number],
    ReturnType<typeof p>
  >;

const eventInserts = perConnection((db, { events }) => {
  const byCount = new Map<number, ReturnType<typeof prepare>>();
  const prepare = (count: number) =>
    db
      .insert(events)
      .values(Array.from({ length: count }, (_, index) => eventPlaceholders(index)))
      .prepare(`insert_${count}_events`);
  return (count: number) => {
    let query = byCount.get(count);
    if (query === undefined) {
      query = prepare(count);
      byCount.set(count, query);
    }
    return query;
  };
});

/** Appends `rows` in one statement (one prepared insert per row count; most actions append 1–3). */
export async function insertEvents(store: Store, tx: Db, rows: readonly NewEventRow[]) {
  const values: Record<string, unknown> = {};
  rows.forEach((row, index) => {
    for (const field of EVENT_FIELDS) values[`${field}${index}`] = row[field];
  });
  await eventInserts(store, tx)(rows.length).execute(values);
}
