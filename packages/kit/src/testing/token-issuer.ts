/**
 * Mints access tokens the way auth will (ES256, a `kid`, the SPEC §3 claims), so tests and services
 * that run before auth exists can authenticate. Never used in production code paths.
 */
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import type { Role } from "../principal";

export interface TestClaims {
  sub: string;
  tid: string;
  roles: Role[];
  /** Epoch seconds; defaults to 15 minutes from now. */
  exp?: number;
  iss?: string;
  aud?: string;
  jti?: string;
  /** The session claims auth puts in a user's token. */
  sid?: string;
  session_start?: string;
}

export interface TestSignOptions {
  alg?: string;
  kid?: string;
  /** Sign with another key (e.g. one the verifier does not know). */
  key?: CryptoKey;
}

export interface TestIssuer {
  jwks: { keys: JWK[] };
  issuer: string;
  audience: string;
  kid: string;
  sign(claims: TestClaims, options?: TestSignOptions): Promise<string>;
}

/** A fresh ES256 key pair whose public half is published in `jwks`. */
export async function createTestIssuer(
  options: { issuer?: string; audience?: string } = {},
): Promise<TestIssuer> {
  const issuer = options.issuer ?? "questline-auth";
  const audience = options.audience ?? "questline";
  const kid = `test-${crypto.randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };

  return {
    jwks: { keys: [publicJwk] },
    issuer,
    audience,
    kid,
    sign(claims, signOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const session =
        claims.sid === undefined ? {} : { sid: claims.sid, session_start: claims.session_start };
      return new SignJWT({ tid: claims.tid, roles: claims.roles, ...session })
        .setProtectedHeader({ alg: signOptions.alg ?? "ES256", kid: signOptions.kid ?? kid })
        .setSubject(claims.sub)
        .setIssuer(claims.iss ?? issuer)
        .setAudience(claims.aud ?? audience)
        .setJti(claims.jti ?? crypto.randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(claims.exp ?? now + 15 * 60)
        .sign(signOptions.key ?? privateKey);
    },
  };
}
