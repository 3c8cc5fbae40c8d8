import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { notFound } from "../errors";
import type { Logger } from "../logger";
import { type SqliteDriverName, sqliteDriver } from "../runtime/sqlite";
import { workerStarter } from "../runtime/worker";
import { assertTenantId, DEFAULT_TENANT, isTenantId } from "../tenant";
import { SqliteCheckpointer } from "./sqlite-checkpointer";
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, SqliteTenantFile } from "./sqlite-tenant-file";
import type { Db, ServiceStorage, TenantDb } from "./types";

export interface SqliteStorageOptions<T> {
  service: string;
  dataDir: string;
  /** The service's SQLite tables, already cast to their Postgres twins' types. */
  tables: T;
  migrationsFolder: string;
  /** Close a tenant's file after this long unused (default one minute). */
  idleCloseMs?: number;
  /** The runtime's driver unless named (the tests run the suites on both). */
  driver?: SqliteDriverName;
  logger: Logger;
}

const DB_SUFFIX = ".db";

/** `${dataDir}/${service}/${tenant}.db`, one file per tenant, opened on demand. */
export async function createSqliteStorage<T>(
  options: SqliteStorageOptions<T>,
): Promise<ServiceStorage<T>> {
  const driver = await sqliteDriver(options.driver);
  const folder = join(options.dataDir, options.service);
  // A DATA_DIR that exists (a mounted volume) keeps its mode; the service's own folder is private.
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(folder, PRIVATE_FOLDER_MODE);
  const files = new Map<string, SqliteTenantFile>();
  const checkpointer = new SqliteCheckpointer(options.logger, await workerStarter(), driver.name);
  const idleCloseMs = options.idleCloseMs ?? 60_000;
  const sweep = setInterval(
    () => {
      for (const file of files.values()) file.closeIfIdle(idleCloseMs);
    },
    Math.max(25, Math.floor(idleCloseMs / 2)),
  );
  sweep.unref();

  const pathOf = (id: string) => join(folder, `${assertTenantId(id)}${DB_SUFFIX}`);
  const fileOf = (id: string): SqliteTenantFile => {
    let file = files.get(id);
    if (!file) {
      file = new SqliteTenantFile(
        pathOf(id),
        options.migrationsFolder,
        driver,
        options.logger,
        checkpointer,
      );
      files.set(id, file);
    }
    return file;
  };
  const makeHandle = (id: string, file: SqliteTenantFile): TenantDb<T> => ({
    tenantId: id,
    dialect: "sqlite",
    tables: options.tables,
    // A getter, so a handle kept across an idle close reopens the file instead of failing.
    get db() {
      return file.open().reads as unknown as Db;
    },
    transaction: (fn) => file.transaction((tx) => fn(tx as unknown as Db)),
  });
  // One handle per tenant, made once: requests ask for it on every call.
  const handles = new Map<string, TenantDb<T>>();
  const handleOf = (id: string, file: SqliteTenantFile): TenantDb<T> => {
    let handle = handles.get(id);
    if (handle === undefined) {
      handle = makeHandle(id, file);
      handles.set(id, handle);
    }
    return handle;
  };

  return {
    dialect: "sqlite",
    async tenant(id) {
      // A tenant opened before needs no path (nor file system) work: this runs on every request.
      const file = files.get(id) ?? (existsSync(pathOf(id)) ? fileOf(id) : undefined);
      if (file === undefined) throw notFound("unknown_tenant", `Tenant "${id}" does not exist`);
      file.open();
      return handleOf(id, file);
    },
    async createTenant(id) {
      const created = createEmptyFile(pathOf(id));
      fileOf(id).open();
      if (created) options.logger.info("tenant created", { tenant: id, service: options.service });
      return created;
    },
    async hasTenant(id) {
      return existsSync(pathOf(id));
    },
    async listTenants() {
      return readdirSync(folder)
        .filter((name) => name.endsWith(DB_SUFFIX))
        .map((name) => name.slice(0, -DB_SUFFIX.length))
        .filter(isTenantId)
        .sort();
    },
    async ping() {
      fileOf(DEFAULT_TENANT).open().reader.prepare("select 1").all();
    },
    async close() {
      clearInterval(sweep);
      for (const file of files.values()) file.close();
      files.clear();
      checkpointer.stop();
    },
  };
}

/** Creates the file atomically (`wx`), so two creators agree on who created it. */
function createEmptyFile(path: string): boolean {
  try {
    closeSync(openSync(path, "wx", PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") return false;
    throw error;
  }
}
