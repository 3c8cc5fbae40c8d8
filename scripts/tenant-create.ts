/**
 * `bun run tenant:create <id>`: creates tenant <id> in the storage of every service, as each is
 * configured (SQLite files under DATA_DIR, or Postgres when `DATABASE_URL_<SERVICE>` is set, the
 * same variables `bun run dev` reads). Idempotent: a tenant that exists is left as it is.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLogger } from "../packages/kit/src/logger";
import type { ServiceStorage } from "../packages/kit/src/storage/types";
import { isTenantId } from "../packages/kit/src/tenant";

const ROOT = resolve(import.meta.dirname, "..");
const SERVICES = ["auth", "catalog", "processing"] as const;

type OpenStorage = (config: unknown, logger: unknown) => Promise<ServiceStorage<unknown>>;
type LoadConfig = (source: Record<string, string | undefined>) => unknown;

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The service's `openXStorage` and `loadXConfig`, or why they cannot be used yet. */
async function storageOpener(service: string) {
  const storageFile = join(ROOT, "services", service, "src", "storage.ts");
  const configFile = join(ROOT, "services", service, "src", "config.ts");
  if (!existsSync(storageFile) || !existsSync(configFile)) return "it has no storage module yet";
  const open: unknown = (await import(storageFile))[`open${capitalized(service)}Storage`];
  const load: unknown = (await import(configFile))[`load${capitalized(service)}Config`];
  if (typeof open !== "function" || typeof load !== "function") {
    return `services/${service}/src/storage.ts has no open${capitalized(service)}Storage yet`;
  }
  return { open: open as OpenStorage, load: load as LoadConfig };
}

/** The environment one service sees: its own DATABASE_URL_<SERVICE> as DATABASE_URL. */
function envFor(service: string): Record<string, string | undefined> {
  const { DATABASE_URL: _shared, ...rest } = process.env;
  const own = process.env[`DATABASE_URL_${service.toUpperCase()}`];
  return own ? { ...rest, DATABASE_URL: own } : rest;
}

async function createIn(service: string, tenantId: string): Promise<string> {
  const opener = await storageOpener(service);
  if (typeof opener === "string") return `skipped (${opener})`;
  const logger = createLogger({ service, level: "warn" });
  const storage = await opener.open(opener.load(envFor(service)), logger);
  try {
    return (await storage.createTenant(tenantId)) ? "created" : "already exists";
  } finally {
    await storage.close();
  }
}

const tenantId = process.argv[2];
if (tenantId === undefined || !isTenantId(tenantId)) {
  console.error(
    "usage: bun run tenant:create <id>   (id: a-z, 0-9 and '-', at most 63 characters)",
  );
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error("DATABASE_URL is ignored: set DATABASE_URL_AUTH, _CATALOG and _PROCESSING");
}
let failed = false;
for (const service of SERVICES) {
  try {
    console.log(`${service}: ${await createIn(service, tenantId)}`);
  } catch (error) {
    failed = true;
    console.error(`${service}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
