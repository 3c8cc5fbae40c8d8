import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dialect } from "../storage/types";
import { createTestDatabase, postgresAvailable } from "./postgres";

/** What a service needs to run one test suite on one dialect, and how to clean up after it. */
export interface DialectEnv {
  dialect: Dialect;
  /** `DATA_DIR` and, on Postgres, `DATABASE_URL` of a fresh, empty store. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * The dialects a shared suite runs on: SQLite always, Postgres when reachable (a visible notice
 * otherwise, a failure under CI). Use with `describe.each(await testDialects())`.
 */
export async function testDialects(): Promise<Dialect[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A fresh store of `dialect` for one suite: a temp data dir, plus a new database on Postgres. */
export async function freshStore(dialect: Dialect, prefix: string): Promise<DialectEnv> {
  const dataDir = await mkdtemp(join(tmpdir(), `questline-${prefix}-`));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  if (dialect === "sqlite") return { dialect, env: { DATA_DIR: dataDir }, cleanup: removeDir };
  const database = await createTestDatabase(prefix);
  return {
    dialect,
    env: { DATA_DIR: dataDir, DATABASE_URL: database.url },
    async cleanup() {
      await database.drop();
      await removeDir();
    },
  };
}
