/**
 * `bun run tenant:create <id>`: creates tenant <id> in the storage of every service, as each is
 * configured (SQLite files under DATA_DIR, or Postgres when `DATABASE_URL_<SERVICE>` is set, the
 * same variables `bun run dev` reads). Idempotent: a tenant that exists is left as it is.
 */
import { createLogger, type Logger } from "../packages/kit/src/logger";
import type { ServiceStorage } from "../packages/kit/src/storage/types";
import { isTenantId } from "../packages/kit/src/tenant";
import { loadAuthConfig } from "../services/auth/src/config";
import { openAuthStorage } from "../services/auth/src/storage";
import { loadCatalogConfig } from "../services/catalog/src/config";
import { openCatalogStorage } from "../services/catalog/src/storage";
import { loadProcessingConfig } from "../services/processing/src/config";
import { openProcessingStorage } from "../services/processing/src/storage";

type Env = Record<string, string | undefined>;
type OpenStorage = (env: Env, logger: Logger) => Promise<ServiceStorage<unknown>>;

/** Each service's storage, opened through its own config loader and `openXStorage`. */
const SERVICES: Readonly<Record<"auth" | "catalog" | "processing", OpenStorage>> = {
  auth: (env, logger) => openAuthStorage(loadAuthConfig(env), logger),
  catalog: (env, logger) => openCatalogStorage(loadCatalogConfig(env), logger),
  processing: (env, logger) => openProcessingStorage(loadProcessingConfig(env), logger),
};

/** The environment one service sees: its own DATABASE_URL_<SERVICE> as DATABASE_URL. */
function envFor(service: string): Env {
  const { DATABASE_URL: _shared, ...rest } = process.env;
  const own = process.env[`DATABASE_URL_${service.toUpperCase()}`];
  return own ? { ...rest, DATABASE_URL: own } : rest;
}

async function createIn(service: keyof typeof SERVICES, tenantId: string): Promise<string> {
  const logger = createLogger({ service, level: "warn" });
  const storage = await SERVICES[service](envFor(service), logger);
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
for (const service of Object.keys(SERVICES) as (keyof typeof SERVICES)[]) {
  try {
    console.log(`${service}: ${await createIn(service, tenantId)}`);
  } catch (error) {
    failed = true;
    console.error(`${service}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
