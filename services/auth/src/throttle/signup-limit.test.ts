/**
 * Sign-ups are limited per client address (issue 14 L6: 300 accounts from one address in 21 s,
 * each granted the sign-up quest's 100 gold).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createMemoryCache } from "@questline/kit/cache/memory";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { type AuthHarness, startAuth, TEST_PASSWORD } from "../testing/harness";
import { createSignupLimit } from "./signup-limit";

describeEach("sign-ups per address on %s", await testDialects(), (dialect) => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth(dialect, { SIGNUP_MAX_PER_ADDRESS: "3" });
  });
  afterAll(() => auth.close());

  const signup = (name: string) =>
    auth.call<{ code?: string }>("POST", "/api/v1/auth/signup", {
      body: { user_name: name, password: TEST_PASSWORD },
    });

  test("past the limit an address gets 429 with Retry-After and no account is made", async () => {
    const statuses = [];
    for (const name of ["first-one", "second-one", "third-one"]) {
      statuses.push((await signup(name)).status);
    }
    expect(statuses).toEqual([201, 201, 201]);
    const refused = await signup("fourth-one");
    expect([refused.status, refused.body.code]).toEqual([429, "too_many_signups"]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const signin = await auth.call("POST", "/api/v1/auth/signin", {
      body: { user_name: "fourth-one", password: TEST_PASSWORD },
    });
    expect(signin.status).toBe(401);
  });
});

describe("the sign-up limit", () => {
  test("counts each address on its own, and starts over in the next window", async () => {
    let now = Date.UTC(2026, 0, 1, 10, 0, 0);
    const limit = createSignupLimit({
      cache: createMemoryCache(),
      maxPerAddress: 2,
      windowSeconds: 3600,
      now: () => now,
    });
    await limit.admit("203.0.113.7");
    await limit.admit("203.0.113.7");
    await expect(limit.admit("203.0.113.7")).rejects.toMatchObject({
      code: "too_many_signups",
      retryAfter: 3600,
    });
    await limit.admit("198.51.100.1");
    now += 3600 * 1000;
    await limit.admit("203.0.113.7");
  });
});
