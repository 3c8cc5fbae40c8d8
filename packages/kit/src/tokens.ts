/**
 * The one access-token verifier (SPEC §3): ES256/EdDSA JWTs from auth, checked against its JWKS.
 * An asymmetric verify costs ~150µs (STACK.md), so a verified token is remembered, keyed by the
 * whole token string, until its `exp`, in a bounded cache that drops the oldest entry first.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { AppError, isAppError, unauthenticated } from "./errors";
import { isRole, isSessionStart, type Principal, type Role, type Session } from "./principal";
import { isTenantId } from "./tenant";

export type { Principal, Role, Session } from "./principal";

export type TokenAlgorithm = "ES256" | "EdDSA";

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** `url`: auth's `/.well-known/jwks.json`, refetched when a token names an unknown `kid`. */
  jwks: { url: string } | { keys: JWK[] };
  algorithms?: TokenAlgorithm[];
  /** How many verified tokens to remember (default 10,000). */
  cacheSize?: number;
}

export interface TokenVerifier {
  /** The caller behind `token`; throws 401 `invalid_token` (or `token_expired`) otherwise. */
  verify(token: string): Promise<Principal>;
  /**
   * The caller behind an `authorization: Bearer …` header (401 without one). A token verified
   * before and not expired answers at once, without a promise or a parse: every authenticated
   * request and call comes through here.
   */
  verifyHeader(authorization: string | null): Principal | Promise<Principal>;
}

const REQUIRED_CLAIMS = ["iss", "aud", "exp", "sub", "tid", "jti", "roles"];

const keySource = (jwks: TokenVerifierOptions["jwks"]): JWTVerifyGetKey =>
  "url" in jwks ? createRemoteJWKSet(new URL(jwks.url)) : createLocalJWKSet({ keys: jwks.keys });

const nonEmptyString = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0;

const SESSION_ID = /^[\x21-\x7e]{1,128}$/;

/** The token's session (`sid` + `session_start`): both or neither. */
function sessionFrom(payload: JWTPayload): Session | undefined {
  const { sid, session_start: start } = payload;
  if (sid === undefined && start === undefined) return undefined;
  if (typeof sid !== "string" || !SESSION_ID.test(sid) || !isSessionStart(start)) {
    throw unauthenticated("The token's session is invalid");
  }
  return Object.freeze({ id: sid, start });
}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, tid, jti, exp, roles } = payload;
  if (!nonEmptyString(sub)) throw unauthenticated("The token has no subject");
  if (!nonEmptyString(tid) || !isTenantId(tid))
    throw unauthenticated("The token's tenant is invalid");
  if (!nonEmptyString(jti)) throw unauthenticated("The token has no id");
  if (typeof exp !== "number") throw unauthenticated("The token has no expiry");
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticated("The token's roles are invalid");
  }
  const session = sessionFrom(payload);
  return Object.freeze({
    userId: sub,
    tenantId: tid,
    roles: Object.freeze([...(roles as Role[])]),
    jti,
    expiresAt: exp,
    ...(session === undefined ? {} : { session }),
  });
}

function asTokenError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof errors.JWTExpired) {
    return unauthenticated("The access token has expired", "token_expired");
  }
  return new AppError("unauthenticated", "invalid_token", "The access token is not valid", {
    cause: error,
  });
}

/** Builds the verifier every service shares; see the file comment for the cache. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const getKey = keySource(options.jwks);
  const algorithms = options.algorithms ?? ["ES256", "EdDSA"];
  const cacheSize = options.cacheSize ?? 10_000;
  const verified = new Map<string, Principal>();

  const remember = (token: string, principal: Principal) => {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, principal);
  };

  const cached = (token: string): Principal | undefined => {
    const known = verified.get(token);
    if (known === undefined) return undefined;
    if (known.expiresAt * 1000 > Date.now()) return known;
    verified.delete(token);
    return undefined;
  };

  async function verify(token: string): Promise<Principal> {
    const known = cached(token);
    if (known !== undefined) return known;
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        requiredClaims: REQUIRED_CLAIMS,
      });
      const principal = principalFrom(payload);
      remember(token, principal);
      return principal;
    } catch (error) {
      throw asTokenError(error);
    }
  }

  return {
    verify,
    verifyHeader(authorization) {
      const candidate = bearerCandidate(authorization);
      const known = candidate === undefined ? undefined : cached(candidate);
      return known ?? verify(bearerToken(authorization));
    },
  };
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i;

/** The token of an `authorization: Bearer …` header; 401 when there is none. */
export function bearerToken(authorization: string | null | undefined): string {
  const match = authorization ? BEARER.exec(authorization.trim()) : null;
  if (match?.[1] === undefined) throw unauthenticated("An authorization: Bearer token is required");
  return match[1];
}

/**
 * What follows `Bearer ` in the header, unchecked: only to look a token up among those verified
 * before (which `bearerToken` checked then). Anything else goes through `bearerToken`.
 */
function bearerCandidate(authorization: string | null): string | undefined {
  if (authorization === null || authorization.length < 8) return undefined;
  const scheme = authorization.slice(0, 7);
  return scheme === "Bearer " || scheme.toLowerCase() === "bearer "
    ? authorization.slice(7)
    : undefined;
}
