import postgres from "postgres";
import { postgresUrl, reportAvailability } from "./env";

let probe: Promise<boolean> | undefined;

/** True when the test Postgres answers; probed once per process (see `reportAvailability`). */
export function postgresAvailable(): Promise<boolean> {
  probe ??= reachable(postgresUrl()).then((ok) =>
    reportAvailability("Postgres", postgresUrl(), ok),
  );
  return probe;
}

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database for one suite; `drop()` removes it even if still connected. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 30);
  const name = `test_${safePrefix}_${Date.now().toString(36)}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = postgres(postgresUrl(), { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(postgresUrl(), { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 1 });
      }
    },
  };
}
