/**
 * `bun run dev` as a user runs it: every service a real `bun --watch` child on its own ports and a
 * temp data dir; the dev admin signs in through the gateway and reads an example quest, over REST
 * and with `buf curl` over native gRPC; SIGTERM stops every child. Again with `--runtime deno`.
 */
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eventually } from "@questline/kit/testing/eventually";
import { freePortBlock } from "@questline/kit/testing/ports";
import { describeEach } from "@questline/kit/testing/variants";
import { runtimeVariants } from "./support/setups";

const ROOT = resolve(import.meta.dir, "..");

const signalable = (target: number) => {
  try {
    process.kill(target, 0);
    return true;
  } catch {
    return false;
  }
};

/** The child itself, or anything left in its process group. */
const isAlive = (pid: number) => signalable(pid) || signalable(-pid);

/** `check` until it holds; a request to a server not up yet counts as not holding. */
const within = (check: () => Promise<boolean>, what: string, timeoutMs: number) =>
  eventually(() => check().catch(() => false), what, { timeoutMs, intervalMs: 250 });

/** `buf curl` over native gRPC: the example quest's target, as a client of the catalog sees it. */
async function grpcQuestTarget(grpcPort: number, token: string): Promise<unknown> {
  const curl = Bun.spawn(
    [
      "bun",
      "x",
      "buf",
      "curl",
      "--schema",
      "proto",
      "--protocol",
      "grpc",
      "--http2-prior-knowledge",
      "-H",
      `authorization: Bearer ${token}`,
      "-d",
      '{"name":"sign-in-three-times"}',
      `http://127.0.0.1:${grpcPort}/questline.catalog.v1.QuestCatalogService/GetQuest`,
    ],
    { cwd: ROOT, stdout: "pipe", stderr: "pipe" },
  );
  const [out, err, code] = await Promise.all([
    new Response(curl.stdout).text(),
    new Response(curl.stderr).text(),
    curl.exited,
  ]);
  if (code !== 0) throw new Error(`buf curl failed: ${err}`);
  return (JSON.parse(out) as { quest?: { target?: unknown } }).quest?.target;
}

describeEach("bun run dev --runtime %s", runtimeVariants(), (runtime) => {
  const dataDir = mkdtempSync(join(tmpdir(), "questline-dev-"));
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  test("serves the system through the gateway and stops every child on SIGTERM", async () => {
    // The runner takes two port bases: four HTTP ports from the first, three gRPC from the second.
    const base = await freePortBlock(7);
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATA_DIR: dataDir,
      QUESTLINE_PORT_BASE: String(base),
      QUESTLINE_GRPC_PORT_BASE: String(base + 4),
      QUESTLINE_DEV_GRACE_MS: "5000",
      LOG_LEVEL: "warn",
    };
    for (const key of [
      "DATABASE_URL",
      "DATABASE_URL_AUTH",
      "DATABASE_URL_CATALOG",
      "DATABASE_URL_PROCESSING",
      "REDIS_URL",
    ]) {
      delete env[key];
    }
    const runner = Bun.spawn(["bun", "run", "scripts/dev.ts", "--runtime", runtime], {
      cwd: ROOT,
      env,
      stdout: "pipe",
      stderr: "inherit",
    });
    let output = "";
    const reading = (async () => {
      const decoder = new TextDecoder();
      const reader = runner.stdout.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        output += decoder.decode(value, { stream: true });
      }
    })();
    const gateway = `http://127.0.0.1:${base}`;

    try {
      await within(async () => (await fetch(`${gateway}/ready`)).ok, "the gateway ready", 90_000);
      await within(async () => output.includes("admin       admin"), "the admin printed", 30_000);

      const signIn = await fetch(`${gateway}/api/v1/auth/signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_name: "admin", password: "admin-dev-password" }),
      });
      expect(signIn.status).toBe(200);
      const { token } = (await signIn.json()) as { token: string };
      const quest = await fetch(`${gateway}/api/v1/quest/sign-in-three-times`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(quest.status).toBe(200);
      expect(await quest.json()).toMatchObject({
        name: "sign-in-three-times",
        status: "published",
      });
      expect(await grpcQuestTarget(base + 4, token)).toBe(3);

      const secrets = JSON.parse(readFileSync(join(dataDir, "dev-secrets.json"), "utf8"));
      expect(Object.keys(secrets).sort()).toEqual(["gateway", "processing"]);
      expect(existsSync(join(dataDir, "catalog", "default.db"))).toBe(true);
    } finally {
      runner.kill("SIGTERM");
      await runner.exited;
      await reading;
    }

    const pids = [...output.matchAll(/(\w+) started \(pid (\d+)\)/g)].map((match) =>
      Number(match[2]),
    );
    expect(pids.length).toBe(4);
    expect(runner.exitCode).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(output).toContain("stopped");
    // The services really ran on the runtime asked for.
    expect(output).toContain(runtime === "deno" ? "runtime: Deno 2.9.6" : "runtime: Bun");
  }, 180_000);
});
