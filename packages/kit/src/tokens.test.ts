import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateKeyPair } from "jose";
import { appErrorOf } from "./testing/app-error";
import { createTestIssuer, type TestIssuer } from "./testing/token-issuer";
import { createTokenVerifier, type TokenVerifier } from "./tokens";

let issuer: TestIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  issuer = await createTestIssuer();
  verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwks: issuer.jwks,
  });
});

const player = { sub: "u-1", tid: "acme", roles: ["player" as const] };

describe("createTokenVerifier", () => {
  test("turns a valid token into its principal", async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = await issuer.sign({ ...player, jti: "j-1", exp });
    expect(await verifier.verify(token)).toEqual({
      userId: "u-1",
      tenantId: "acme",
      roles: ["player"],
      jti: "j-1",
      expiresAt: exp,
    });
  });

  test("reads the session of a user's token: its id and how it began", async () => {
    const token = await issuer.sign({ ...player, sid: "s-1", session_start: "signup" });
    expect((await verifier.verify(token)).session).toEqual({ id: "s-1", start: "signup" });
  });

  for (const [name, claims] of [
    ["a session id alone", { sid: "s-1" }],
    ["a session begun by a refresh", { sid: "s-1", session_start: "refresh" }],
    ["an empty session id", { sid: "", session_start: "signin" }],
  ] as const) {
    test(`refuses ${name}`, async () => {
      const token = await issuer.sign({ ...player, ...claims });
      expect((await appErrorOf(verifier.verify(token))).code).toBe("invalid_token");
    });
  }

  test("answers a token seen before from its cache", async () => {
    const token = await issuer.sign(player);
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
  });

  test("keeps only cacheSize tokens, dropping the oldest", async () => {
    const small = createTokenVerifier({ ...issuer, jwks: issuer.jwks, cacheSize: 2 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => issuer.sign(player)));
    if (a === undefined || b === undefined || c === undefined) throw new Error("tokens missing");
    const first = await small.verify(a);
    const second = await small.verify(b);
    await small.verify(c);
    expect(await small.verify(b)).toBe(second);
    expect(await small.verify(a)).not.toBe(first);
  });

  test("says token_expired for an expired token", async () => {
    const token = await issuer.sign({ ...player, exp: Math.floor(Date.now() / 1000) - 10 });
    const error = await appErrorOf(verifier.verify(token));
    expect([error.kind, error.code, error.status]).toEqual([
      "unauthenticated",
      "token_expired",
      401,
    ]);
  });

  const invalid: [string, () => Promise<string>][] = [
    ["another issuer", () => issuer.sign({ ...player, iss: "someone-else" })],
    ["another audience", () => issuer.sign({ ...player, aud: "other-app" })],
    ["a tenant outside the pattern", () => issuer.sign({ ...player, tid: "Bad_Tenant" })],
    ["an unknown role", () => issuer.sign({ ...player, roles: ["root" as "admin"] })],
    ["no roles", () => issuer.sign({ ...player, roles: [] })],
    [
      "a key the JWKS does not hold",
      async () => {
        const { privateKey } = await generateKeyPair("ES256");
        return issuer.sign(player, { key: privateKey });
      },
    ],
    [
      "an algorithm outside the pinned list",
      async () => {
        const { privateKey } = await generateKeyPair("ES384");
        return issuer.sign(player, { alg: "ES384", key: privateKey });
      },
    ],
    ["a tampered payload", async () => `${(await issuer.sign(player)).slice(0, -4)}AAAA`],
    ["garbage", async () => "not-a-jwt"],
  ];
  for (const [name, make] of invalid) {
    test(`rejects ${name} as invalid_token`, async () => {
      const error = await appErrorOf(verifier.verify(await make()));
      expect([error.kind, error.code]).toEqual(["unauthenticated", "invalid_token"]);
    });
  }

  test("rejects a token whose algorithm is not in a narrower pin", async () => {
    const eddsaOnly = createTokenVerifier({ ...issuer, jwks: issuer.jwks, algorithms: ["EdDSA"] });
    const error = await appErrorOf(eddsaOnly.verify(await issuer.sign(player)));
    expect(error.code).toBe("invalid_token");
  });
});

describe("createTokenVerifier with a remote JWKS", () => {
  let server: ReturnType<typeof Bun.serve>;
  beforeAll(() => {
    server = Bun.serve({ port: 0, fetch: () => Response.json(issuer.jwks) });
  });
  afterAll(() => server.stop(true));

  test("fetches the keys from the URL and verifies with them", async () => {
    const remote = createTokenVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwks: { url: `http://127.0.0.1:${server.port}/.well-known/jwks.json` },
    });
    const principal = await remote.verify(await issuer.sign({ ...player, sub: "u-remote" }));
    expect(principal.userId).toBe("u-remote");
  });
});
