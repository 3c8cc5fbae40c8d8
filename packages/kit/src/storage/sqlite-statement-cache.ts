import type { SqliteConnection, SqliteStatement } from "../runtime/sqlite";

/** Distinct SQL texts whose compiled statement a connection keeps (the hot paths use a few dozen). */
const CAPACITY = 256;

/**
 * The connection as Drizzle sees it, reusing compiled statements. Drizzle compiles every query
 * anew (`prepare` was ~13% of a tracked action's CPU), while a service runs the same few SQL texts
 * over and over. Sharing a statement is safe: both drivers run it synchronously to completion, and
 * bind the parameters afresh on every run. An evicted statement is left to the garbage collector,
 * never finalized, in case a caller still holds it; `close()` finalizes them all first, since
 * SQLite keeps the file open while any statement lives.
 */
export function withStatementCache<C extends SqliteConnection>(db: C): C {
  const statements = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    const cached = statements.get(sql);
    if (cached !== undefined) return cached;
    const statement = db.prepare(sql);
    if (statements.size >= CAPACITY) {
      const oldest = statements.keys().next();
      if (!oldest.done) statements.delete(oldest.value);
    }
    statements.set(sql, statement);
    return statement;
  };
  const close = () => {
    for (const statement of statements.values()) statement.finalize();
    statements.clear();
    db.close();
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return prepare;
      if (property === "close") return close;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
