import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dialect } from "../storage/types";
import { createTestDatabase, postgresMissing } from "./postgres";
import type { Variant } from "./variants";

/** What a service needs to run one test suite on one dialect, and how to clean up after it. */
export interface DialectEnv {
  dialect: Dialect;
  /** `DATA_DIR` and, on Postgres, `DATABASE_URL` of a fresh, empty store. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * The dialects a shared suite runs on, for `describeEach`: SQLite, and Postgres, which is skipped
 * (or fails under CI) where the test Postgres does not answer.
 */
export async function testDialects(): Promise<Variant<Dialect>[]> {
  return [
    { name: "sqlite", value: "sqlite" },
    { name: "postgres", value: "postgres", missing: await postgresMissing() },
  ];
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
