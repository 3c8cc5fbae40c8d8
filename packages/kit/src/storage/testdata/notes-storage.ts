import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../logger";
import type { SqliteDriverName } from "../../runtime/sqlite";
import { createTestDatabase } from "../../testing/postgres";
import type { StorageOptions } from "../create-storage";
import { twinTables } from "../twin-tables";
import type { Dialect } from "../types";
import * as pg from "./schema/pg";
import * as sqlite from "./schema/sqlite";

export type NotesTables = typeof pg;

/** What one storage suite run needs: options for `createStorage` and a way to clean up after. */
export interface NotesStorageSetup {
  options: StorageOptions<NotesTables>;
  dataDir: string;
  cleanup(): Promise<void>;
}

const migrations = {
  sqlite: join(import.meta.dirname, "drizzle", "sqlite"),
  postgres: join(import.meta.dirname, "drizzle", "postgres"),
};

/** Fresh storage options for the twin `notes` schema: a temp folder, plus a fresh database on Postgres. */
export async function notesStorageSetup(
  dialect: Dialect,
  sqliteDriver?: SqliteDriverName,
): Promise<NotesStorageSetup> {
  const dataDir = mkdtempSync(join(tmpdir(), "questline-storage-"));
  const database = dialect === "postgres" ? await createTestDatabase("storage") : undefined;
  return {
    dataDir,
    options: {
      service: "notes",
      dataDir,
      databaseUrl: database?.url,
      tables: twinTables({ postgres: pg, sqlite }),
      migrations,
      sqliteDriver,
      logger: createLogger({ service: "storage-test", level: "error" }),
    },
    async cleanup() {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
