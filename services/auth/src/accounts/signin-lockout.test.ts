import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { describeEach } from "@questline/kit/testing/variants";
import {
  type AuthHarness,
  type ProblemBody,
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

describe("per-address limits behind a trusted proxy", () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth("sqlite", {
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
      LOGIN_MAX_FAILURES_PER_ADDRESS: "3",
    });
  });
  afterAll(() => auth.close());

  test("an address spraying many accounts is locked; other addresses are not", async () => {
    const from = (address: string) => ({ "x-forwarded-for": `203.0.113.50, ${address}` });
    for (let account = 0; account < 3; account++) {
      const result = await auth.call("POST", "/api/v1/auth/signin", {
        body: { user_name: `victim${account}`, password: "guess guess" },
        headers: from("198.51.100.7"),
      });
      expect(result.status).toBe(401);
    }
    const fourth = await auth.call("POST", "/api/v1/auth/signin", {
      body: { user_name: "victim3", password: "guess guess" },
      headers: from("198.51.100.7"),
    });
    expect(fourth.status).toBe(401);
    const locked = await auth.call<ProblemBody>("POST", "/api/v1/auth/signin", {
      body: { user_name: "victim4", password: "guess guess" },
      headers: from("198.51.100.7"),
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).not.toBeNull();
    // Only the proxy-appended (last) entry counts: a client-forged first entry changes nothing.
    const forged = await auth.call("POST", "/api/v1/auth/signin", {
      body: { user_name: "victim5", password: "guess guess" },
      headers: { "x-forwarded-for": "1.2.3.4, 198.51.100.7" },
    });
    expect(forged.status).toBe(429);
    const elsewhere = await auth.call("POST", "/api/v1/auth/signin", {
      body: { user_name: "victim5", password: "guess guess" },
      headers: from("198.51.100.8"),
    });
    expect(elsewhere.status).toBe(401);
  });
});
