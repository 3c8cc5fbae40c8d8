import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { withStatementCache } from "./sqlite-statement-cache";

test("the same SQL text reuses one compiled statement, with fresh parameters each run", () => {
  const db = new Database(":memory:");
  const cached = withStatementCache(db);
  cached.run("create table notes (id integer primary key, title text)");
  const insert = "insert into notes (title) values (?)";
  expect(cached.prepare(insert)).toBe(cached.prepare(insert));
  cached.prepare(insert).run("first");
  cached.prepare(insert).run("second");
  const titles = cached.prepare("select title from notes order by id").all();
  expect(titles).toEqual([{ title: "first" }, { title: "second" }]);
  db.close();
});

test("other SQL texts get their own statements", () => {
  const db = new Database(":memory:");
  const cached = withStatementCache(db);
  expect(cached.prepare("select 1")).not.toBe(cached.prepare("select 2"));
  db.close();
});

test("closing finalizes the kept statements, so the file is really closed", () => {
  const db = new Database(":memory:");
  const cached = withStatementCache(db);
  const statement = cached.prepare("select 1 as one");
  expect(statement.get()).toEqual({ one: 1 });
  cached.close();
  expect(() => statement.get()).toThrow();
});
