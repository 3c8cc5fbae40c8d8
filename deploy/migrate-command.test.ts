import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import {
  createTestDatabase,
  postgresMissing,
  type TestDatabase,
} from "@questline/kit/testing/postgres";
import { describeNeeding } from "@questline/kit/testing/variants";
import { SQL } from "bun";
import { buildableServices } from "./build-binaries";
import { repoRoot } from "./render";
import { isolatedEnv } from "./serve-check";

/**
 * The eks overlay's init container runs `<entrypoint> migrate` and waits for it to exit: the
 * contract every service with data must keep. Checked on catalog, against the real Postgres.
 */
const service = "catalog";

/** Runs `migrate` and resolves with its exit code, or "still running" after 30 s. */
async function runMigrate(databaseUrl: string): Promise<number | string> {
  const child = Bun.spawn(["bun", join(repoRoot, "services", service, "src/main.ts"), "migrate"], {
    env: isolatedEnv({
      DATABASE_URL: databaseUrl,
      // `migrate` never listens.
      PORT: "0",
      GRPC_PORT: "0",
      LOG_LEVEL: "warn",
    }),
    stdout: "ignore",
    stderr: "pipe",
  });
  const outcome = await Promise.race([child.exited, Bun.sleep(30_000).then(() => "still running")]);
  child.kill("SIGKILL");
  return outcome;
}

if (!buildableServices().includes(service)) {
  test("the migrate command", () => {
    throw new Error(`services/${service} cannot be built`);
  });
} else {
  describeNeeding(`${service} migrate`, await postgresMissing(), () => {
    let database: TestDatabase | undefined;
    afterAll(() => database?.drop());

    test("applies the Postgres migrations and exits 0, twice at once", async () => {
      database = await createTestDatabase("deploy_migrate");
      const outcomes = await Promise.all([runMigrate(database.url), runMigrate(database.url)]);
      expect(outcomes).toEqual([0, 0]);
      const sql = new SQL(database.url, { max: 1 });
      try {
        const [row] = await sql`select count(*)::int as tables from information_schema.tables
          where table_schema not in ('pg_catalog', 'information_schema')`;
        expect((row as { tables: number }).tables).toBeGreaterThan(0);
      } finally {
        await sql.close();
      }
    }, 150_000);
  });
}
