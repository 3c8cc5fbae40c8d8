/**
 * The token matrix: what auth issues verifies with the kit verifier fed by auth's JWKS over HTTP
 * (as catalog and processing do), and every forgery or misuse is refused, by that verifier and
 * by auth's own routes. A player token on the internal RPC is covered in `wallet/rpc.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { appErrorOf } from "@questline/kit/testing/app-error";
import { createTokenVerifier, type TokenVerifier } from "@questline/kit/tokens";
import {
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
} from "jose";
import { type AuthHarness, startAuth } from "../testing/harness";
import { createAccessTokenIssuer } from "./access-token-issuer";

let auth: AuthHarness;
let verifier: TokenVerifier;
let pair: { user_id: string; token: string; refresh_token: string };

beforeAll(async () => {
  auth = await startAuth("sqlite");
  auth.service.app.listen({ port: 0, hostname: "127.0.0.1" });
  verifier = createTokenVerifier({
    issuer: "questline-auth",
    audience: "questline",
    jwks: { url: `http://127.0.0.1:${auth.service.app.server?.port}/.well-known/jwks.json` },
  });
  pair = await auth.signup("subject");
});

afterAll(async () => {
  await auth.service.app.stop(true);
  await auth.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const signer = () => auth.service.keys.signer;
const claimsOf = () => decodeJwt(pair.token);

/** A token with the genuine key and arbitrary claims, for the cases auth itself never mints. */
const signWithAuthKey = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: signer().kid })
    .sign(signer().privateKey);

const issuerWith = (overrides: { issuer?: string; audience?: string; now?: () => number }) =>
  createAccessTokenIssuer({
    keys: auth.service.keys,
    issuer: overrides.issuer ?? "questline-auth",
    audience: overrides.audience ?? "questline",
    now: overrides.now,
  });
const subject = () => ({ userId: pair.user_id, tenantId: "default", roles: ["player"] as const });

test("an issued token has exactly the SPEC claims and its session, a kid and ES256, and verifies", async () => {
  expect(decodeProtectedHeader(pair.token)).toMatchObject({ alg: "ES256", kid: signer().kid });
  const claims = claimsOf();
  expect(Object.keys(claims).sort()).toEqual([
    "aud",
    "exp",
    "iat",
    "iss",
    "jti",
    "roles",
    "session_start",
    "sid",
    "sub",
    "tid",
  ]);
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
  const principal = await verifier.verify(pair.token);
  expect(principal).toMatchObject({ userId: pair.user_id, tenantId: "default", roles: ["player"] });
});

describe("refused tokens", () => {
  const cases: [string, () => Promise<string>, string?][] = [
    ["alg none", async () => `${b64({ alg: "none", kid: signer().kid })}.${b64(claimsOf())}.`],
    [
      "HS256 signed with the public key material",
      async () => {
        // The classic confusion attack: the public key's PEM, which anyone can fetch, as HMAC secret.
        const publicKey = await importJWK(auth.service.keys.jwks.keys[0] ?? {}, "ES256", {
          extractable: true,
        });
        const pem = await exportSPKI(publicKey as CryptoKey);
        return new SignJWT(claimsOf())
          .setProtectedHeader({ alg: "HS256", kid: signer().kid })
          .sign(new TextEncoder().encode(pem));
      },
    ],
    [
      "another key under the same kid",
      async () => {
        const { privateKey } = await generateKeyPair("ES256");
        return new SignJWT(claimsOf())
          .setProtectedHeader({ alg: "ES256", kid: signer().kid })
          .sign(privateKey);
      },
    ],
    [
      "a tampered payload",
      async () => {
        const [header, , signature] = pair.token.split(".");
        return `${header}.${b64({ ...claimsOf(), roles: ["player", "admin"] })}.${signature}`;
      },
    ],
    [
      "an expired token",
      async () =>
        (await issuerWith({ now: () => Date.now() - 16 * 60 * 1000 }).issue(subject())).token,
      "token_expired",
    ],
    [
      "a token without exp",
      async () => {
        const { exp: _dropped, ...claims } = claimsOf();
        return signWithAuthKey(claims);
      },
    ],
    [
      "a wrong issuer",
      async () => (await issuerWith({ issuer: "someone-else" }).issue(subject())).token,
    ],
    [
      "a wrong audience",
      async () => (await issuerWith({ audience: "another-app" }).issue(subject())).token,
    ],
    ["a refresh token used as an access token", async () => pair.refresh_token],
    [
      "a session id without how the session began",
      async () => {
        const { session_start: _dropped, ...claims } = claimsOf();
        return signWithAuthKey(claims);
      },
    ],
    [
      "a session that began some other way",
      async () => signWithAuthKey({ ...claimsOf(), session_start: "refresh" }),
    ],
  ];

  test.each(cases)("%s", async (_, forge, code = "invalid_token") => {
    const token = await forge();
    const error = await appErrorOf(verifier.verify(token));
    expect(error.status).toBe(401);
    expect(error.code).toBe(code);
    const me = await auth.call("GET", "/api/v1/auth/me", { token });
    expect(me.status).toBe(401);
  });
});
