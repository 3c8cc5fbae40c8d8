import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import type { SqliteDriverName } from "../runtime/sqlite";
import { appErrorOf } from "../testing/app-error";
import { postgresMissing } from "../testing/postgres";
import { describeEach, type Variant } from "../testing/variants";
import { createStorage } from "./create-storage";
import { notesRepository } from "./testdata/notes-repository";
import {
  type NotesStorageSetup,
  type NotesTables,
  notesStorageSetup,
} from "./testdata/notes-storage";
import type { Dialect, ServiceStorage } from "./types";
import { isUniqueViolation } from "./unique-violation";

// SQLite through both drivers: bun:sqlite (Bun) and node:sqlite (Deno; Bun has it too).
const setups: Variant<{ dialect: Dialect; driver?: SqliteDriverName }>[] = [
  { name: "sqlite (bun:sqlite)", value: { dialect: "sqlite", driver: "bun:sqlite" } },
  { name: "sqlite (node:sqlite)", value: { dialect: "sqlite", driver: "node:sqlite" } },
  { name: "postgres", value: { dialect: "postgres" }, missing: await postgresMissing() },
];

describeEach("storage on %s", setups, ({ dialect, driver }) => {
  let setup: NotesStorageSetup;
  let storage: ServiceStorage<NotesTables>;

  beforeAll(async () => {
    setup = await notesStorageSetup(dialect, driver);
    storage = await createStorage(setup.options);
  });
  afterAll(async () => {
    await storage.close();
    await setup.cleanup();
  });

  test("migrates on open and maps booleans, JSON and timestamps the same way", async () => {
    expect(storage.dialect).toBe(dialect);
    const store = await storage.tenant("default");
    const createdAt = new Date("2030-01-02T03:04:05.678Z");
    const [note] = await store.transaction((tx) =>
      tx
        .insert(store.tables.notes)
        .values({ tenantId: "default", title: "typed", tags: ["a", "b"], pinned: true, createdAt })
        .returning(),
    );
    expect(note).toEqual({
      id: expect.any(Number),
      tenantId: "default",
      title: "typed",
      tags: ["a", "b"],
      pinned: true,
      counter: 0,
      createdAt,
    });
    const read = await store.db
      .select()
      .from(store.tables.notes)
      .where(eq(store.tables.notes.title, "typed"));
    expect(read).toEqual(note ? [note] : []);
  });

  test("a tenant never reads another tenant's rows", async () => {
    expect(await storage.createTenant("tenant-a")).toBe(true);
    expect(await storage.createTenant("tenant-a")).toBe(false);
    await storage.createTenant("tenant-b");
    const a = notesRepository(await storage.tenant("tenant-a"));
    const b = notesRepository(await storage.tenant("tenant-b"));
    await a.add("shared title", ["from-a"]);
    await b.add("shared title", ["from-b"]);
    expect((await a.list()).map((note) => note.tags)).toEqual([["from-a"]]);
    expect((await b.list()).map((note) => note.tags)).toEqual([["from-b"]]);
    expect(await storage.listTenants()).toEqual(["default", "tenant-a", "tenant-b"]);
  });

  test("an unknown tenant is an error, not a new database", async () => {
    const error = await appErrorOf(storage.tenant("nobody"));
    expect(error).toMatchObject({ kind: "not_found", code: "unknown_tenant" });
    expect(await storage.hasTenant("nobody")).toBe(false);
    expect(await storage.listTenants()).not.toContain("nobody");
    await expect(storage.tenant("../etc")).rejects.toMatchObject({ code: "invalid_tenant" });
  });

  test("a duplicate unique key is recognised, other failures are not", async () => {
    await storage.createTenant("unique");
    const notes = notesRepository(await storage.tenant("unique"));
    await notes.add("only once");
    const duplicate = await notes.add("only once").catch((caught: unknown) => caught);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const store = await storage.tenant("unique");
    const notNull = await store
      .transaction((tx) =>
        tx.insert(store.tables.notes).values({
          tenantId: "unique",
          title: "null counter",
          tags: [],
          counter: sql`null`,
          createdAt: new Date(),
        }),
      )
      .catch((caught: unknown) => caught);
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(new Error("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
  });

  test("a throw after a write rolls the whole transaction back, awaits included", async () => {
    await storage.createTenant("rollback");
    const store = await storage.tenant("rollback");
    const notes = notesRepository(store);
    const failure = new Error("decided to fail");
    const outcome = store.transaction(async (tx) => {
      await tx
        .insert(store.tables.notes)
        .values({ tenantId: "rollback", title: "never", tags: [], createdAt: new Date() });
      await Bun.sleep(5);
      expect(await notes.list()).toEqual([]);
      await tx
        .insert(store.tables.notes)
        .values({ tenantId: "rollback", title: "never either", tags: [], createdAt: new Date() });
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);
    expect(await notes.list()).toEqual([]);
    await notes.add("after the rollback");
    expect((await notes.list()).map((note) => note.title)).toEqual(["after the rollback"]);
  });

  test("50 concurrent read-then-write increments lose no update", async () => {
    await storage.createTenant("counter");
    const notes = notesRepository(await storage.tenant("counter"));
    const note = await notes.add("counted");
    const id = note?.id ?? -1;
    const results = await Promise.all(Array.from({ length: 50 }, () => notes.increment(id)));
    expect(results.toSorted((x = 0, y = 0) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await notes.list())[0]?.counter).toBe(50);
  });

  test("two instances starting together both migrate and share tenants", async () => {
    const [first, second] = await Promise.all([
      createStorage(setup.options),
      createStorage(setup.options),
    ]);
    try {
      await first.createTenant("replicas");
      expect(await second.hasTenant("replicas")).toBe(true);
      const written = await notesRepository(await first.tenant("replicas")).add("seen by both");
      const seen = await notesRepository(await second.tenant("replicas")).list();
      expect(seen).toEqual([written].filter((note) => note !== undefined));
      await second.ping();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
