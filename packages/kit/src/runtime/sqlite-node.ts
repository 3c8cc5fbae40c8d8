/**
 * The portable SQLite driver: `node:sqlite` (Deno; Bun has it too, which lets the tests run both
 * drivers in one process). It is made to behave as the kit expects of `bun:sqlite`: rows as arrays
 * for Drizzle (`values`), booleans bound as 0/1 and `undefined` as NULL, a file never created by
 * opening it, and errors whose `code` names SQLite's extended result code.
 */
import { existsSync } from "node:fs";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { SqliteConnection, SqliteDriver, SqliteStatement, SqliteValue } from "./sqlite";
import { sqliteCodeName, sqliteErrnoOfMessage } from "./sqlite-errors";

/** A SQLite failure with the code `bun:sqlite` would give it; the driver's own error is the cause. */
export class SqliteError extends Error {
  override readonly name = "SQLiteError";
  readonly code: string;
  constructor(
    message: string,
    readonly errno: number,
    cause: unknown,
  ) {
    super(message, { cause });
    this.code = sqliteCodeName(errno);
  }
}

function normalised(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof SqliteError) return error;
  const errcode = "errcode" in error ? error.errcode : undefined;
  const errno = typeof errcode === "number" ? errcode : sqliteErrnoOfMessage(error.message);
  return new SqliteError(error.message, errno, error);
}

function guarded<R>(run: () => R): R {
  try {
    return run();
  } catch (error) {
    throw normalised(error);
  }
}

type Bindable = null | number | bigint | string | Uint8Array;

/** bun:sqlite binds booleans and `undefined`; node:sqlite refuses them. */
function bindable(params: SqliteValue[]): Bindable[] {
  const values: Bindable[] = new Array(params.length);
  for (let index = 0; index < params.length; index++) {
    const value = params[index];
    values[index] = value === undefined ? null : typeof value === "boolean" ? Number(value) : value;
  }
  return values;
}

function statementOf(statement: StatementSync): SqliteStatement {
  let arrays = false;
  const mode = (wanted: boolean) => {
    if (arrays !== wanted) statement.setReturnArrays(wanted);
    arrays = wanted;
  };
  return {
    run: (...params) =>
      guarded(() => {
        const result = statement.run(...bindable(params));
        return { changes: Number(result.changes), lastInsertRowid: result.lastInsertRowid };
      }),
    all: (...params) =>
      guarded(() => {
        mode(false);
        return statement.all(...bindable(params));
      }),
    values: (...params) =>
      guarded(() => {
        mode(true);
        return statement.all(...bindable(params)) as unknown as unknown[][];
      }),
    // node:sqlite finalizes a statement when it is collected, or when its database closes.
    finalize() {},
  };
}

export const nodeSqlite: SqliteDriver = {
  name: "node:sqlite",
  open(path, options): SqliteConnection {
    if (!existsSync(path)) {
      throw new SqliteError(`unable to open database file: ${path}`, 14, undefined);
    }
    const db = guarded(
      () =>
        new DatabaseSync(path, {
          readOnly: options.readonly ?? false,
          timeout: options.busyTimeoutMs,
        }),
    );
    return {
      exec: (sql) => guarded(() => db.exec(sql)),
      prepare: (sql) => statementOf(guarded(() => db.prepare(sql))),
      get inTransaction() {
        return db.isTransaction;
      },
      close: () => db.close(),
    };
  },
};
