import { afterAll, beforeAll, expect, test } from "bun:test";
import { describeEach } from "@questline/kit/testing/variants";
import {
  type AuthHarness,
  productionLikeCache,
  productionLikeDialects,
  startAuth,
  TEST_PASSWORD,
} from "../testing/harness";

describeEach("sign-in lockout on %s", await productionLikeDialects(), (dialect) => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth(dialect, productionLikeCache(dialect));
  });
  afterAll(() => auth.close());

  const signin = (userName: string, password: string, headers: Record<string, string> = {}) =>
    auth.signin(userName, password, headers);

  test("failed sign-ins lock the account with 429 + Retry-After that X-Forwarded-For cannot escape", async () => {
    await auth.signup("target");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await signin("target", "wrong password", {
        "x-forwarded-for": `10.0.0.${attempt}`,
      });
      expect(result.status).toBe(401);
    }
    const locked = await signin("target", "wrong password", { "x-forwarded-for": "10.9.9.9" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right password waits until the lock ends.
    const right = await signin("target", TEST_PASSWORD, { "x-forwarded-for": "172.16.0.1" });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe("too_many_attempts");
    // Other accounts are not affected.
    await auth.signup("bystander");
    expect((await signin("bystander", TEST_PASSWORD)).status).toBe(200);
  });

  test("a successful sign-in starts the account's count over", async () => {
    await auth.signup("forgetful");
    for (let round = 0; round < 3; round++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        expect((await signin("forgetful", "wrong password")).status).toBe(401);
      }
      expect((await signin("forgetful", TEST_PASSWORD)).status).toBe(200);
    }
  });
});
