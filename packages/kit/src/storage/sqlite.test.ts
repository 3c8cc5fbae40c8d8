import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readdirSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { createStorage } from "./create-storage";
import { notesRepository } from "./testdata/notes-repository";
import { type NotesStorageSetup, notesStorageSetup } from "./testdata/notes-storage";

/** How many of this process's file descriptors point at `path` (or its -wal/-shm files). */
function openDescriptorsOf(path: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(path);
    } catch {
      return false;
    }
  }).length;
}

// What only the SQLite dialect has: files, idle closing, and other processes on the same file.
describe("sqlite tenant files", () => {
  let setup: NotesStorageSetup;
  const fileOf = (tenant: string) => join(setup.dataDir, "notes", `${tenant}.db`);

  beforeAll(async () => {
    setup = await notesStorageSetup("sqlite");
  });
  afterAll(() => setup.cleanup());

  test("an unknown tenant creates no file; createTenant does", async () => {
    const storage = await createStorage(setup.options);
    await expect(storage.tenant("ghost")).rejects.toMatchObject({ code: "unknown_tenant" });
    expect(existsSync(fileOf("ghost"))).toBe(false);
    expect(await storage.createTenant("ghost")).toBe(true);
    expect(existsSync(fileOf("ghost"))).toBe(true);
    await storage.close();
  });

  test("tenant files are 0600 (the -wal and -shm too) in a 0700 folder, older ones tightened", async () => {
    const modeOf = (path: string) => statSync(path).mode & 0o777;
    const folder = join(setup.dataDir, "notes");
    const storage = await createStorage(setup.options);
    await storage.createTenant("private");
    const store = await storage.tenant("private");
    await notesRepository(store).add("a note");
    expect(modeOf(folder)).toBe(0o700);
    for (const suffix of ["", "-wal", "-shm"])
      expect(modeOf(`${fileOf("private")}${suffix}`)).toBe(0o600);
    await storage.close();

    chmodSync(folder, 0o755);
    chmodSync(fileOf("private"), 0o644);
    const again = await createStorage(setup.options);
    await again.tenant("private");
    expect([modeOf(folder), modeOf(fileOf("private"))]).toEqual([0o700, 0o600]);
    await again.close();
  });

  test("a file closed after being idle reopens on the next use, data intact", async () => {
    const storage = await createStorage({ ...setup.options, idleCloseMs: 40 });
    await storage.createTenant("idle");
    const store = await storage.tenant("idle");
    await notesRepository(store).add("before the nap");
    expect(openDescriptorsOf(fileOf("idle"))).toBeGreaterThan(0);
    // Closed means this process holds no descriptor of the file any more (Linux's /proc).
    for (let i = 0; i < 500 && openDescriptorsOf(fileOf("idle")) > 0; i++) await Bun.sleep(20);
    expect(openDescriptorsOf(fileOf("idle"))).toBe(0);
    await notesRepository(store).add("after the nap");
    expect((await notesRepository(store).list()).map((note) => note.title)).toEqual([
      "before the nap",
      "after the nap",
    ]);
    await storage.close();
  });

  test("another process writing the same file waits its turn (busy_timeout)", async () => {
    const storage = await createStorage(setup.options);
    await storage.createTenant("shared");
    const notes = notesRepository(await storage.tenant("shared"));
    const id = (await notes.add("two writers"))?.id ?? -1;
    const otherProcess = Bun.spawn(
      [
        process.execPath,
        "-e",
        `const { Database } = require("bun:sqlite");
         const db = new Database(${JSON.stringify(fileOf("shared"))});
         db.run("PRAGMA busy_timeout = 5000");
         for (let i = 0; i < 200; i++) {
           db.run("BEGIN IMMEDIATE");
           const row = db.query("select counter from notes where id = ?").get(${id});
           db.run("update notes set counter = ? where id = ?", [row.counter + 1, ${id}]);
           db.run("COMMIT");
         }`,
      ],
      { stderr: "pipe" },
    );
    for (let i = 0; i < 200; i++) await notes.increment(id);
    expect(await otherProcess.exited).toBe(0);
    expect((await notes.list())[0]?.counter).toBe(400);
    await storage.close();
  });
});
