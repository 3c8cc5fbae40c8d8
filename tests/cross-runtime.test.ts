/**
 * One data dir, auth on Bun and then on Deno and back: a password set on one runtime signs in on
 * the other with the stored hash unchanged (argon2id, the same PHC string on both).
 */
import { Database } from "bun:sqlite";
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import { describeNeeding } from "@questline/kit/testing/variants";
import { restClient, uniqueName } from "./support/client";
import { runtimeMissing } from "./support/setups";
import { startSystem, type TestSystem } from "./support/system";

setDefaultTimeout(120_000);

const PASSWORD = "correct horse battery";
describeNeeding("passwords across runtimes", runtimeMissing("deno"), () => {
  let system: TestSystem;
  let api: ReturnType<typeof restClient>;
  beforeAll(async () => {
    system = await startSystem({ runtime: "bun", dialect: "sqlite" });
    api = restClient(system.gatewayUrl);
  }, 120_000);
  afterAll(() => system.shutdown());

  /** The stored hash of a user, read from auth's tenant file as it is on disk. */
  const storedHash = (userName: string): string | undefined => {
    const db = new Database(join(system.dataDir, "auth", "default.db"), { readonly: true });
    try {
      const row = db
        .query<{ password_hash: string }, [string]>(
          "select password_hash from accounts where user_name = ?",
        )
        .get(userName);
      return row?.password_hash;
    } finally {
      db.close();
    }
  };

  test("set on Bun, signs in on Deno; set on Deno, signs in on Bun", async () => {
    const onBun = uniqueName("bun-made");
    await api.signUp(onBun, PASSWORD);
    const bunHash = storedHash(onBun);
    expect(bunHash).toStartWith("$argon2id$v=19$m=65536,t=2,p=1$");

    await system.stop("auth");
    await system.start("auth", "deno");
    expect((await api.signIn(onBun, PASSWORD)).token).toBeString();
    const wrong = await api.call("POST", "/api/v1/auth/signin", {
      body: { user_name: onBun, password: `${PASSWORD}!` },
    });
    expect(wrong.status).toBe(401);
    const onDeno = uniqueName("deno-made");
    await api.signUp(onDeno, PASSWORD);
    const denoHash = storedHash(onDeno);
    expect(denoHash).toStartWith("$argon2id$v=19$m=65536,t=2,p=1$");

    await system.stop("auth");
    await system.start("auth", "bun");
    expect((await api.signIn(onDeno, PASSWORD)).token).toBeString();
    expect((await api.signIn(onBun, PASSWORD)).token).toBeString();
    // Signing in never rewrote either hash.
    expect([storedHash(onBun), storedHash(onDeno)]).toEqual([bunHash, denoHash]);
  });
});
