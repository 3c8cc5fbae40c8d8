import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { SQL } from "bun";
import { buildableServices } from "./build-binaries";
import { repoRoot } from "./render";
import { freePort, isolatedEnv } from "./serve-check";

/**
 * The eks overlay's init container runs `<entrypoint> migrate` and waits for it to exit: the
 * contract every service with data must keep. Checked on catalog, against the real Postgres.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const service = "catalog";

async function postgresReachable(): Promise<boolean> {
  const sql = new SQL(adminUrl, { max: 1, connectionTimeout: 2 });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.close();
  }
}

/** Runs `migrate` and resolves with its exit code, or "still running" after 30 s. */
async function runMigrate(databaseUrl: string): Promise<number | string> {
  const child = Bun.spawn(["bun", join(repoRoot, "services", service, "src/main.ts"), "migrate"], {
    env: isolatedEnv({
      DATABASE_URL: databaseUrl,
      PORT: String(freePort()),
      GRPC_PORT: String(freePort()),
      LOG_LEVEL: "warn",
    }),
    stdout: "ignore",
    stderr: "pipe",
  });
  const outcome = await Promise.race([child.exited, Bun.sleep(30_000).then(() => "still running")]);
  child.kill("SIGKILL");
  return outcome;
}

const ready = buildableServices().includes(service) && (await postgresReachable());
if (!ready && process.env.CI === "true") {
  test("the migrate command", () => {
    throw new Error(`${service} or Postgres at ${adminUrl} is missing`);
  });
} else if (!ready) {
  console.warn(`SKIPPED the migrate command: ${service} or Postgres is missing`);
} else {
  describe(`${service} migrate`, () => {
    const database = `deploy_migrate_${crypto.randomUUID().slice(0, 8)}`;
    const admin = new SQL(adminUrl, { max: 1 });
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    afterAll(async () => {
      await admin.unsafe(`drop database if exists "${database}" with (force)`);
      await admin.close();
    });

    test("applies the Postgres migrations and exits 0, twice at once", async () => {
      await admin.unsafe(`create database "${database}"`);
      const outcomes = await Promise.all([runMigrate(url.toString()), runMigrate(url.toString())]);
      expect(outcomes).toEqual([0, 0]);
      const sql = new SQL(url.toString(), { max: 1 });
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
