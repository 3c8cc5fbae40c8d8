import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuthHarness, startAuth } from "../testing/harness";

const script = join(import.meta.dirname, "admin-create.ts");
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "questline-admin-cli-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function run(args: string[], options: { stdin?: string; password?: string } = {}) {
  const child = Bun.spawn(["bun", "run", script, ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      PASSWORD_MEMORY_KIB: "1024",
      PASSWORD_TIME_COST: "1",
      QUESTLINE_ADMIN_PASSWORD: options.password ?? "",
    },
    stdin: new Blob([options.stdin ?? ""]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, output: stdout + stderr };
}

async function signinAs(userName: string, password: string) {
  // A second harness process reads the same SQLite files the CLI wrote.
  const auth: AuthHarness = await startAuth("sqlite", { DATA_DIR: dataDir });
  try {
    const result = await auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
      body: { user_name: userName, password },
    });
    if (result.status !== 200) return { status: result.status, roles: [] };
    const me = await auth.call<{ roles: string[] }>("GET", "/api/v1/auth/me", {
      token: result.body.token,
    });
    return { status: result.status, roles: me.body.roles };
  } finally {
    await auth.close();
  }
}

test("creates an admin with the password from the environment", async () => {
  const result = await run(["--tenant", "default", "--user", "root"], {
    password: "first-password",
  });
  expect(result.code).toBe(0);
  expect(result.output).toContain('created admin "root"');
  expect(await signinAs("root", "first-password")).toEqual({
    status: 200,
    roles: ["player", "admin"],
  });
});

test("promotes an existing user, reading the password from stdin", async () => {
  const result = await run(["--user", "root"], { stdin: "second-password\n" });
  expect(result.code).toBe(0);
  expect(result.output).toContain('promoted admin "root"');
  expect((await signinAs("root", "second-password")).status).toBe(200);
  expect((await signinAs("root", "first-password")).status).toBe(401);
});

test("refuses an unknown tenant, a bad name and a short password", async () => {
  const unknown = await run(["--tenant", "nowhere", "--user", "root"], { password: "long-enough" });
  expect(unknown.code).toBe(2);
  expect(unknown.output).toContain('Tenant "nowhere" does not exist');
  expect((await run(["--user", "a b"], { password: "long-enough" })).code).toBe(2);
  expect((await run(["--user", "shorty"], { stdin: "short\n" })).code).toBe(2);
});
