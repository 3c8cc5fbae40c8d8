/**
 * The whole system as real processes, for end-to-end tests and benchmarks: the dev runner's plan
 * (ports, secrets, how services find each other) on free ports, a fresh data dir and, on
 * Postgres, a fresh database per service; each service a plain `bun` or `deno` process (no
 * --watch) that a test can SIGKILL and start again. The one-shot commands (seeding, the admin)
 * run on the same runtime as the services.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConsole } from "@questline/console/build";
import { writeConsoleBundle } from "@questline/console/bundle-dir";
import { redisUrl } from "@questline/kit/testing/env";
import { freePortBlock } from "@questline/kit/testing/ports";
import { createTestDatabase, type TestDatabase } from "@questline/kit/testing/postgres";
import { type Child, startChild, stopChildren } from "../../scripts/dev/children";
import { devPlan, ROOT, type ServiceName } from "../../scripts/dev/plan";
import { runCommand, type ServiceRuntime } from "../../scripts/dev/runtimes";
import { loadDevSecrets } from "../../scripts/dev/secrets";
import { waitUntilReady } from "../../scripts/dev/wait-ready";

export const DEV_ADMIN = { user: "admin", password: "admin-dev-password" };
export const SERVICES: readonly ServiceName[] = ["auth", "catalog", "processing", "gateway"];

export interface SystemOptions {
  /** What runs every service and one-shot command (default bun). */
  runtime?: ServiceRuntime;
  dialect?: "sqlite" | "postgres";
  redis?: boolean;
  /** Extra environment for every service (e.g. raised rate limits). */
  env?: Record<string, string>;
  /** Print the services' logs (default: only when QUESTLINE_TEST_LOGS is set). */
  logs?: boolean;
  /** Extra runtime flags per service, e.g. Bun's `--cpu-prof` for `bench/profile.ts`. */
  bunFlags?: Partial<Record<ServiceName, string[]>>;
}

/** Starts auth, catalog, processing and the gateway, with the example quests and the dev admin. */
export async function startSystem(options: SystemOptions = {}) {
  const runtime = options.runtime ?? "bun";
  // The dev plan's two bases: HTTP ports base..base+3, gRPC ports base+10..base+12.
  const base = await freePortBlock(13);
  const dataDir = mkdtempSync(join(tmpdir(), "questline-system-"));
  // Only Bun bundles the console at start-up; on Deno the gateway serves one built here.
  const consoleDir = join(dataDir, "console");
  if (runtime === "deno") await writeConsoleBundle(await buildConsole(), consoleDir);
  const databases: TestDatabase[] = [];
  const source: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    QUESTLINE_PORT_BASE: String(base),
    QUESTLINE_GRPC_PORT_BASE: String(base + 10),
    LOG_LEVEL: options.logs || process.env.QUESTLINE_TEST_LOGS ? "info" : "warn",
    CACHE_PREFIX: `system-${crypto.randomUUID()}`,
    DATABASE_URL: undefined,
    REDIS_URL: options.redis ? redisUrl() : undefined,
    // Tests drive many requests from one address and user: the limits have their own tests.
    RATE_LIMIT_USER_PER_SECOND: "100000",
    RATE_LIMIT_USER_BURST: "100000",
    RATE_LIMIT_ADDRESS_PER_SECOND: "100000",
    RATE_LIMIT_ADDRESS_BURST: "100000",
    SIGNUP_MAX_PER_ADDRESS: "100000",
    CONSOLE_DIR: runtime === "deno" ? consoleDir : undefined,
    ...options.env,
  };
  if (options.dialect === "postgres") {
    for (const service of ["auth", "catalog", "processing"]) {
      const database = await createTestDatabase(`system_${service}`);
      databases.push(database);
      source[`DATABASE_URL_${service.toUpperCase()}`] = database.url;
    }
  }
  const plan = devPlan(dataDir, loadDevSecrets(dataDir), source);
  const children = new Map<ServiceName, Child>();

  async function once(service: ServiceName, args: string[], extra: Record<string, string> = {}) {
    const [script = "", ...rest] = args;
    const child = startChild(
      `${service}-cli`,
      runCommand(runtime, script, { dataDir, args: rest }),
      { ...plan.envOf(service), ...extra },
      ROOT,
    );
    const code = await child.exited;
    if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}`);
  }

  const urlOf = (service: ServiceName) => `http://127.0.0.1:${plan.envOf(service).PORT}`;

  /** Starts one service (on the system's runtime unless told) and waits until it is ready. */
  async function start(service: ServiceName, on: ServiceRuntime = runtime): Promise<void> {
    const child = startChild(
      service,
      runCommand(on, `services/${service}/src/main.ts`, {
        dataDir,
        flags: on === "bun" ? options.bunFlags?.[service] : undefined,
      }),
      plan.envOf(service),
      ROOT,
    );
    children.set(service, child);
    const ready = await waitUntilReady(`${urlOf(service)}/ready`, {
      timeoutMs: 60_000,
      stopped: () => !child.running,
    });
    if (!ready) throw new Error(`${service} did not become ready`);
  }

  /** Stops one service: SIGTERM (graceful) or SIGKILL (a crash). */
  async function stop(
    service: ServiceName,
    signal: "SIGTERM" | "SIGKILL" = "SIGTERM",
  ): Promise<void> {
    const child = children.get(service);
    if (!child?.running) return;
    process.kill(-child.pid, signal);
    await child.exited;
  }

  async function shutdown(): Promise<void> {
    await stopChildren([...children.values()], 5000);
    for (const database of databases) await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await once("catalog", ["services/catalog/src/cli/seed-examples.ts", "default"]);
    for (const service of SERVICES) await start(service);
    await once(
      "auth",
      ["services/auth/src/cli/admin-create.ts", "--tenant", "default", "--user", DEV_ADMIN.user],
      {
        QUESTLINE_ADMIN_PASSWORD: DEV_ADMIN.password,
      },
    );
  } catch (error) {
    await shutdown();
    throw error;
  }

  return {
    runtime,
    gatewayUrl: plan.gatewayUrl,
    urlOf,
    grpcUrlOf: (service: ServiceName) => `http://127.0.0.1:${plan.envOf(service).GRPC_PORT}`,
    envOf: plan.envOf,
    dataDir,
    start,
    stop,
    once,
    shutdown,
  };
}

export type TestSystem = Awaited<ReturnType<typeof startSystem>>;
