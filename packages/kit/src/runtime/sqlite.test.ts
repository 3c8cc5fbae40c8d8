import { afterAll, describe, expect, test } from "bun:test";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorCode } from "../storage/error-code";
import { isUniqueViolation } from "../storage/unique-violation";
import { type SqliteConnection, type SqliteDriverName, sqliteDriver } from "./sqlite";

const dir = mkdtempSync(join(tmpdir(), "questline-sqlite-drivers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DRIVERS: SqliteDriverName[] = ["bun:sqlite", "node:sqlite"];

async function freshFile(driver: SqliteDriverName, name: string): Promise<SqliteConnection> {
  const path = join(dir, `${name}-${driver.replace(":", "-")}.db`);
  closeSync(openSync(path, "w"));
  const db = (await sqliteDriver(driver)).open(path, { busyTimeoutMs: 50 });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec(`create table parents (id integer primary key);
    create table notes (
      id integer primary key,
      title text not null unique,
      parent integer references parents (id),
      stars integer check (stars >= 0)
    );`);
  db.prepare("insert into parents (id) values (?)").run(1);
  db.prepare("insert into notes (id, title, parent, stars) values (?, ?, ?, ?)").run(1, "a", 1, 0);
  return db;
}

/** What `run` throws; it must throw. */
function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

/** The `code` a failure carries, as the storage layer reads it. */
const failure = (run: () => unknown): string | undefined => errorCode(caught(run));

/** The same failures, provoked through a prepared statement and through `exec`, on one driver. */
async function codesOf(driver: SqliteDriverName) {
  const db = await freshFile(driver, "codes");
  const insert = db.prepare("insert into notes (id, title, parent, stars) values (?, ?, ?, ?)");
  const codes = {
    unique: failure(() => insert.run(2, "a", 1, 0)),
    primaryKey: failure(() => insert.run(1, "b", 1, 0)),
    notNull: failure(() => insert.run(3, null, 1, 0)),
    foreignKey: failure(() => insert.run(4, "d", 99, 0)),
    check: failure(() => insert.run(5, "e", 1, -1)),
    uniqueByExec: failure(() => db.exec("insert into notes (id, title) values (6, 'a')")),
  };
  db.close();
  return codes;
}

describe("SQLite errors carry the same codes on both drivers", () => {
  test("constraint failures, through statements and exec", async () => {
    const [bun, node] = await Promise.all(DRIVERS.map(codesOf));
    expect(bun).toEqual({
      unique: "SQLITE_CONSTRAINT_UNIQUE",
      primaryKey: "SQLITE_CONSTRAINT_PRIMARYKEY",
      notNull: "SQLITE_CONSTRAINT_NOTNULL",
      foreignKey: "SQLITE_CONSTRAINT_FOREIGNKEY",
      check: "SQLITE_CONSTRAINT_CHECK",
      uniqueByExec: "SQLITE_CONSTRAINT_UNIQUE",
    });
    expect(node).toEqual(bun);
  });

  test.each(DRIVERS)(
    "%s: a unique violation is recognised as one, a NOT NULL one is not",
    async (driver) => {
      const db = await freshFile(driver, "unique");
      const insert = db.prepare("insert into notes (id, title) values (?, ?)");
      expect(isUniqueViolation(caught(() => insert.run(7, "a")))).toBe(true);
      expect(isUniqueViolation(caught(() => insert.run(1, "z")))).toBe(true);
      expect(isUniqueViolation(caught(() => insert.run(8, null)))).toBe(false);
      db.close();
    },
  );

  test.each(DRIVERS)("%s: a second writer that waits too long gets SQLITE_BUSY", async (driver) => {
    const first = await freshFile(driver, "busy");
    const path = join(dir, `busy-${driver.replace(":", "-")}.db`);
    const second = (await sqliteDriver(driver)).open(path, { busyTimeoutMs: 50 });
    first.exec("BEGIN IMMEDIATE");
    expect(first.inTransaction).toBe(true);
    expect(failure(() => second.exec("BEGIN IMMEDIATE"))).toBe("SQLITE_BUSY");
    first.exec("ROLLBACK");
    expect(first.inTransaction).toBe(false);
    first.close();
    second.close();
  });
});

describe.each(DRIVERS)("the %s driver", (driver) => {
  test("rows as objects or as arrays, booleans bound as 0 and 1", async () => {
    const db = await freshFile(driver, "rows");
    db.prepare("insert into notes (id, title, stars) values (?, ?, ?)").run(2, "b", true);
    const select = db.prepare("select id, title, stars, id from notes where id = ?");
    expect(select.values(2)).toEqual([[2, "b", 1, 2]]);
    expect(db.prepare("select id, stars from notes order by id").all()).toEqual([
      { id: 1, stars: 0 },
      { id: 2, stars: 1 },
    ]);
    expect(db.prepare("select count(*) as n from notes where parent is ?").values(null)).toEqual([
      [1],
    ]);
    db.close();
  });

  test("opening never creates a file", async () => {
    const missing = join(dir, `missing-${driver.replace(":", "-")}.db`);
    const open = async () => (await sqliteDriver(driver)).open(missing, { busyTimeoutMs: 50 });
    await expect(open()).rejects.toMatchObject({ code: "SQLITE_CANTOPEN" });
  });
});
