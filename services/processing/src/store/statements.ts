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
