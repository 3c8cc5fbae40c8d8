import { afterAll, beforeAll, expect, test } from "bun:test";
import { describeEach } from "@questline/kit/testing/variants";
import {
  type AuthHarness,
  type ProblemBody,
  productionLikeCache,
  productionLikeDialects,
  startAuth,
  TEST_PASSWORD,
  type TokenPairBody,
} from "../testing/harness";

describeEach("account routes on %s", await productionLikeDialects(), (dialect) => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth(dialect, productionLikeCache(dialect));
  });
  afterAll(() => auth.close());

  const signin = (userName: string, password: string, headers: Record<string, string> = {}) =>
    auth.signin(userName, password, headers);

  test("signup answers 201 with the SPEC shape and a token for the new user", async () => {
    const result = await auth.call<TokenPairBody>("POST", "/api/v1/auth/signup", {
      body: { user_name: "ada.l", password: TEST_PASSWORD },
    });
    expect(result.status).toBe(201);
    expect(Object.keys(result.body).sort()).toEqual([
      "refresh_token",
      "token",
      "user_id",
      "user_name",
    ]);
    const me = await auth.call("GET", "/api/v1/auth/me", { token: result.body.token });
    expect(me.body).toEqual({
      user_id: result.body.user_id,
      user_name: "ada.l",
      roles: ["player"],
      balances: {},
    });
  });

  test("a taken name is 409, whatever its case", async () => {
    await auth.signup("grace");
    const again = await auth.call<ProblemBody>("POST", "/api/v1/auth/signup", {
      body: { user_name: "GRACE", password: TEST_PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("user_name_taken");
    expect(again.headers.get("content-type")).toContain("application/problem+json");
  });

  test.each([
    ["a name too short", { user_name: "ab", password: TEST_PASSWORD }, "user_name"],
    ["a name with a space", { user_name: "a b c", password: TEST_PASSWORD }, "user_name"],
    ["a short password", { user_name: "shorty", password: "1234567" }, "password"],
    ["a password too long", { user_name: "longpw", password: "x".repeat(129) }, "password"],
    ["a missing password", { user_name: "nopw" }, "password"],
    [
      "an unknown field",
      { user_name: "admin2", password: TEST_PASSWORD, roles: ["admin"] },
      "roles",
    ],
  ])("signup with %s is 422 naming the field", async (_, body, field) => {
    const result = await auth.call<ProblemBody>("POST", "/api/v1/auth/signup", { body });
    expect(result.status).toBe(422);
    expect(result.body.field).toBe(field);
    expect(result.body.detail).toContain(field);
  });

  test.each([
    "/api/v1/auth/signup",
    "/api/v1/auth/signin",
    "/api/v1/auth/refresh",
    "/api/v1/auth/signout",
    "/api/v1/auth/token",
  ])("malformed JSON on %s is 400", async (path) => {
    const result = await auth.call<ProblemBody>("POST", path, { body: '{"user_name": "x",' });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe("malformed_json");
  });

  test.each([
    ["/api/v1/auth/signin", { user_name: "ada", password: TEST_PASSWORD, admin: true }, "admin"],
    ["/api/v1/auth/refresh", { refresh_token: "x", extra: 1 }, "extra"],
    ["/api/v1/auth/signout", {}, "refresh_token"],
  ])("%s rejects a body off its schema with 422", async (path, body, field) => {
    const result = await auth.call<ProblemBody>("POST", path, { body });
    expect(result.status).toBe(422);
    expect(result.body.field).toBe(field);
  });

  test("a wrong password and an unknown user get the same 401", async () => {
    await auth.signup("hopper");
    const wrong = await signin("hopper", "not the password");
    const unknown = await signin("nobody-here", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ code: wrong.body.code, detail: wrong.body.detail }).toEqual({
      code: unknown.body.code,
      detail: unknown.body.detail,
    });
    const right = await signin("HOPPER", TEST_PASSWORD);
    expect(right.status).toBe(200);
    expect(right.body.user_name).toBe("hopper");
  });

  test("an unknown tenant is 404 and a malformed one 400, before anything is created", async () => {
    const unknown = await auth.call<ProblemBody>("POST", "/api/v1/auth/signup", {
      body: { user_name: "ada", password: TEST_PASSWORD },
      headers: { "x-tenant-id": "no-such-game" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("unknown_tenant");
    expect(await auth.service.storage.hasTenant("no-such-game")).toBe(false);
    const malformed = await auth.call<ProblemBody>("POST", "/api/v1/auth/signin", {
      body: { user_name: "ada", password: TEST_PASSWORD },
      headers: { "x-tenant-id": "../etc" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("invalid_tenant");
  });

  test("me needs a valid token", async () => {
    expect((await auth.call("GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await auth.call("GET", "/api/v1/auth/me", { token: "not-a-jwt" })).status).toBe(401);
  });

  test("refresh spends the token and gives a new pair", async () => {
    const first = await auth.signup("rotator");
    const second = await auth.call<TokenPairBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: first.refresh_token },
    });
    expect(second.status).toBe(200);
    expect(second.body.user_id).toBe(first.user_id);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const me = await auth.call("GET", "/api/v1/auth/me", { token: second.body.token });
    expect(me.status).toBe(200);
    const third = await auth.call<TokenPairBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: second.body.refresh_token },
    });
    expect(third.status).toBe(200);
  });

  test("reusing a spent refresh token revokes the whole chain", async () => {
    const first = await auth.signup("replayed");
    const second = await auth.call<TokenPairBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: first.refresh_token },
    });
    const replay = await auth.call<ProblemBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: first.refresh_token },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("refresh_token_reused");
    const legit = await auth.call<ProblemBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: second.body.refresh_token },
    });
    expect(legit.status).toBe(401);
    // Another sign-in of the same user is another chain and survives.
    const other = await signin("replayed", TEST_PASSWORD);
    const otherRefresh = await auth.call("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: other.body.refresh_token },
    });
    expect(otherRefresh.status).toBe(200);
  });

  test("signout is 204 and the refresh token stops working", async () => {
    const pair = await auth.signup("leaver");
    const out = await auth.call("POST", "/api/v1/auth/signout", {
      body: { refresh_token: pair.refresh_token },
    });
    expect(out.status).toBe(204);
    const again = await auth.call("POST", "/api/v1/auth/signout", {
      body: { refresh_token: pair.refresh_token },
    });
    expect(again.status).toBe(204);
    const refresh = await auth.call<ProblemBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: pair.refresh_token },
    });
    expect(refresh.status).toBe(401);
  });

  test("of concurrent signups under one name exactly one wins", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        auth.call("POST", "/api/v1/auth/signup", {
          body: { user_name: "popular", password: TEST_PASSWORD },
        }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  test("of concurrent refreshes with one token exactly one succeeds", async () => {
    const pair = await auth.signup("twice");
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        auth.call<TokenPairBody>("POST", "/api/v1/auth/refresh", {
          body: { refresh_token: pair.refresh_token },
        }),
      ),
    );
    const winners = attempts.filter((attempt) => attempt.status === 200);
    expect(winners).toHaveLength(1);
    expect(attempts.filter((attempt) => attempt.status === 401)).toHaveLength(5);
    // The losers presented a spent token: the winner's new token is revoked with its chain.
    for (const winner of winners) {
      const next = await auth.call("POST", "/api/v1/auth/refresh", {
        body: { refresh_token: winner.body.refresh_token },
      });
      expect(next.status).toBe(401);
    }
  });

  test("an unknown refresh token is 401", async () => {
    const result = await auth.call<ProblemBody>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: "qrt_made-up" },
    });
    expect(result.status).toBe(401);
    expect(result.body.code).toBe("invalid_refresh_token");
  });
});
