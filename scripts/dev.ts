/**
 * `bun run dev`: the whole system on one machine (docs/development.md). Generates the service
 * credentials once, loads the example quests, starts auth, catalog, processing and gateway under
 * `bun --watch` (a code change restarts that service), waits for each to be ready, creates the dev
 * admin, prints the URLs, and on Ctrl-C or SIGTERM stops every child (SIGTERM, then SIGKILL after a
 * grace).
 *
 * `--runtime deno` runs every service and one-shot command under `deno run --watch` instead, with
 * the permissions of `dev/runtimes.ts`; the console, which only Bun bundles at start-up, is built
 * here first into the data dir and served from there.
 *
 * Postgres/Redis: `DATABASE_URL_AUTH`, `DATABASE_URL_CATALOG`, `DATABASE_URL_PROCESSING` (each
 * service owns its database) reach each service as `DATABASE_URL`; `REDIS_URL` reaches all.
 */
import { join } from "node:path";
import { buildConsole } from "../packages/console/src/build";
import { writeConsoleBundle } from "../packages/console/src/bundle-dir";
import { type Child, prefixFor, startChild, stopChildren } from "./dev/children";
import { devDataDir, devPlan, ROOT, type ServiceName } from "./dev/plan";
import { DENO_VERSION, denoBinary, runCommand, runtimeFromArgs } from "./dev/runtimes";
import { loadDevSecrets } from "./dev/secrets";
import { waitUntilReady } from "./dev/wait-ready";

const DEV_ADMIN = { tenant: "default", user: "admin", password: "admin-dev-password" };
const graceSetting = Number(process.env.QUESTLINE_DEV_GRACE_MS || 10_000);
const GRACE_MS = Number.isFinite(graceSetting) && graceSetting >= 0 ? graceSetting : 10_000;
const READY_TIMEOUT_MS = 60_000;

const say = (line: string) => process.stdout.write(`${prefixFor("dev")} ${line}\n`);

let runtime: ReturnType<typeof runtimeFromArgs>;
try {
  runtime = runtimeFromArgs(process.argv.slice(2));
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
if (runtime === "deno" && denoBinary() === undefined) {
  say(`Deno ${DENO_VERSION} not found: start with \`npm run dev -- --runtime deno\` (installs it)`);
  process.exit(2);
}
const dataDir = devDataDir();
const source: Record<string, string | undefined> = { ...process.env };
if (runtime === "deno" && !source.CONSOLE_DIR) {
  source.CONSOLE_DIR = join(dataDir, "console");
  await writeConsoleBundle(await buildConsole(), source.CONSOLE_DIR);
}
const plan = devPlan(dataDir, loadDevSecrets(dataDir), source);
const children: Child[] = [];
let stopping = false;

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping ${children.map((child) => child.name).join(", ") || "nothing"}`);
  await stopChildren(children, GRACE_MS);
  say("stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));

/** Runs a one-shot command with a service's env; its output is prefixed like the service's. */
async function runOnce(name: string, service: ServiceName, args: string[], extra = {}) {
  const [script = "", ...rest] = args;
  const child = startChild(
    name,
    runCommand(runtime, script, { dataDir, args: rest }),
    { ...plan.envOf(service), ...extra },
    ROOT,
  );
  children.push(child);
  const code = await child.exited;
  children.splice(children.indexOf(child), 1);
  if (code !== 0) say(`${name} failed (exit ${code})`);
  return code === 0;
}

if (process.env.DATABASE_URL) {
  say("DATABASE_URL is ignored: set DATABASE_URL_AUTH, _CATALOG and _PROCESSING (one per service)");
}
say(`data in ${dataDir}`);
say(runtime === "deno" ? `runtime: Deno ${DENO_VERSION}` : "runtime: Bun");

await runOnce("seed", "catalog", ["services/catalog/src/cli/seed-examples.ts", DEV_ADMIN.tenant]);
for (const service of plan.services) {
  if (stopping) break;
  const child = startChild(
    service.name,
    runCommand(runtime, service.main, { dataDir, watch: true }),
    service.env,
    ROOT,
  );
  children.push(child);
  say(`${service.name} started (pid ${child.pid}) on port ${service.httpPort}`);
}

const readiness = await Promise.all(
  plan.services.map(async (service) => {
    const url = `http://127.0.0.1:${service.httpPort}/ready`;
    const ready = await waitUntilReady(url, {
      timeoutMs: READY_TIMEOUT_MS,
      stopped: () => stopping,
    });
    if (!ready && !stopping) say(`${service.name} is not ready after ${READY_TIMEOUT_MS / 1000} s`);
    return ready;
  }),
);

if (!stopping) {
  await runOnce(
    "admin",
    "auth",
    [
      "services/auth/src/cli/admin-create.ts",
      "--tenant",
      DEV_ADMIN.tenant,
      "--user",
      DEV_ADMIN.user,
    ],
    { QUESTLINE_ADMIN_PASSWORD: DEV_ADMIN.password },
  );
}

if (!stopping) {
  const hasConsole = await fetch(`${plan.gatewayUrl}/console`).then(
    (response) => response.ok,
    () => false,
  );
  const lines = [
    readiness.every(Boolean) ? "ready" : "started (some services are not ready: see above)",
    `  gateway     ${plan.gatewayUrl}`,
    ...plan.services
      .filter((service) => service.name !== "gateway")
      .map((service) => `  ${service.name.padEnd(11)} http://127.0.0.1:${service.httpPort}`),
    `  docs        ${plan.gatewayUrl}/docs`,
    ...(hasConsole ? [`  console     ${plan.gatewayUrl}/console`] : []),
    `  admin       ${DEV_ADMIN.user} / ${DEV_ADMIN.password} (tenant ${DEV_ADMIN.tenant})`,
    "Ctrl-C stops everything.",
  ];
  for (const line of lines) say(line);
}
