/**
 * The two dialects' tables of a service, paired where `tsc` can see them. Repositories are typed
 * by the Postgres tables and SQLite's twins stand in for them at run time (`createStorage`), so a
 * twin that drifts would compile and fail on one dialect only. `twinTables` refuses, at compile
 * time, a pair whose tables differ in SQL name, column names (TypeScript and SQL), the JS value
 * of a column, its nullability, or whether the database fills it in (what an insert may omit).
 */
import type { Table } from "drizzle-orm";

/** Identical types only (mutually assignable ones, such as `{ a?: 1 }` and `{}`, are not). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Columns<T extends Table> = T["_"]["columns"];

/** What must agree between a table and its twin. */
interface Shape<T extends Table> {
  table: T["_"]["name"];
  columns: { [K in keyof Columns<T>]: Columns<T>[K]["_"]["name"] };
  /** The row a query returns: each column's JS value and nullability. */
  row: T["$inferSelect"];
  /** The row an insert takes: which columns may be left to the database. */
  insert: T["$inferInsert"];
  /** Which columns the database fills in (a default, a serial id), nullable ones included. */
  filled: { [K in keyof Columns<T>]: Columns<T>[K]["_"]["hasDefault"] };
}

/** The parts of two tables' shapes that differ, each with both sides. */
export type TwinDifference<P extends Table, S extends Table> = {
  [Part in keyof Shape<P> as Same<Shape<P>[Part], Shape<S>[Part]> extends true ? never : Part]: {
    postgres: Shape<P>[Part];
    sqlite: Shape<S>[Part];
  };
};

/** What tsc reports when a SQLite table is not its Postgres twin: the parts that differ. */
interface NotATwin<Difference> {
  "differs from its Postgres twin": Difference;
}

/** The SQLite tables `S` as twins of `P`: the same keys, each table the same shape. */
type TwinsOf<P, S> = {
  [K in keyof P | keyof S]: K extends keyof P
    ? K extends keyof S
      ? P[K] extends Table
        ? S[K] extends Table
          ? keyof TwinDifference<P[K], S[K]> extends never
            ? S[K]
            : NotATwin<TwinDifference<P[K], S[K]>>
          : NotATwin<"not a table">
        : never
      : NotATwin<"missing from the SQLite schema">
    : NotATwin<"missing from the Postgres schema">;
};

/** A service's tables in both dialects, checked to be twins by the type checker. */
export function twinTables<
  const P extends Record<string, Table>,
  const S extends TwinsOf<P, S>,
>(tables: { postgres: P; sqlite: S }): { postgres: P; sqlite: S } {
  return tables;
}
