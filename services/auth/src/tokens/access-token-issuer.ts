/**
 * Mints access tokens (SPEC §3). The claims are built here from named values only: nothing from a
 * request is ever spread into a token.
 */
import type { Role, Session } from "@questline/kit/principal";
import { SignJWT } from "jose";
import type { KeyRing } from "../keys/key-ring";
import { SIGNING_ALGORITHM } from "../keys/signing-key";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface TokenSubject {
  userId: string;
  tenantId: string;
  roles: readonly Role[];
  /** The session a user's token belongs to (`sid`, `session_start`); none for service tokens. */
  session?: Session;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface AccessTokenIssuer {
  issue(subject: TokenSubject, ttlSeconds?: number): Promise<IssuedAccessToken>;
}

export interface AccessTokenIssuerOptions {
  keys: KeyRing;
  issuer: string;
  audience: string;
  now?: () => number;
}

export function createAccessTokenIssuer(options: AccessTokenIssuerOptions): AccessTokenIssuer {
  const now = options.now ?? Date.now;
  return {
    async issue(subject, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const jti = crypto.randomUUID();
      const { kid, privateKey } = options.keys.signer;
      const session =
        subject.session === undefined
          ? {}
          : { sid: subject.session.id, session_start: subject.session.start };
      const token = await new SignJWT({
        tid: subject.tenantId,
        roles: [...subject.roles],
        ...session,
      })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: "at+jwt" })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(subject.userId)
        .setJti(jti)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(privateKey);
      return { token, jti, expiresAt };
    },
  };
}
