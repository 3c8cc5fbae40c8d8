/**
 * A session is an access token plus a refresh token. Minting signs the first and prepares the
 * stored row of the second; the caller inserts the row inside its own transaction.
 */
import type { SessionStart } from "@questline/kit/principal";
import type { Db, TenantDb } from "@questline/kit/storage/types";
import type { Account } from "../accounts/repository";
import type { AuthTables } from "../schema";
import type { AccessTokenIssuer, IssuedAccessToken } from "../tokens/access-token-issuer";
import { hashRefreshToken, newRefreshToken } from "./refresh-token";
import { type NewRefreshToken, sessionRepository } from "./repository";

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** What a client receives after signup, signin or refresh (docs/reference/auth.md). */
export interface TokenPair {
  userId: string;
  userName: string;
  token: string;
  refreshToken: string;
}

export interface MintedSession {
  pair: TokenPair;
  access: IssuedAccessToken;
  refreshRow: NewRefreshToken;
}

/** A new session (a sign-in or sign-up), or the family a refresh continues. */
export interface SessionOrigin {
  start: SessionStart;
  familyId?: string;
}

export interface SessionIssuer {
  /**
   * Signs a token for `account`; the refresh token joins `origin.familyId` (a rotation) or starts
   * a family. The token's session is the family: every token of one sign-in names the same one.
   */
  mint(tenantId: string, account: Account, origin: SessionOrigin): Promise<MintedSession>;
  /** Stores the minted refresh token inside the caller's transaction. */
  store(tx: Db, store: TenantDb<AuthTables>, session: MintedSession): Promise<void>;
}

export function createSessionIssuer(options: {
  tokens: AccessTokenIssuer;
  refreshTtlMs?: number;
  now?: () => number;
}): SessionIssuer {
  const now = options.now ?? Date.now;
  const refreshTtlMs = options.refreshTtlMs ?? REFRESH_TOKEN_TTL_MS;
  return {
    async mint(tenantId, account, origin) {
      const id = crypto.randomUUID();
      const familyId = origin.familyId ?? id;
      const access = await options.tokens.issue({
        userId: account.id,
        tenantId,
        roles: account.roles,
        session: { id: familyId, start: origin.start },
      });
      const refreshToken = newRefreshToken();
      const createdAt = now();
      return {
        pair: { userId: account.id, userName: account.userName, token: access.token, refreshToken },
        access,
        refreshRow: {
          id,
          familyId,
          userId: account.id,
          tokenHash: hashRefreshToken(refreshToken),
          createdAt,
          expiresAt: createdAt + refreshTtlMs,
          sessionStart: origin.start,
        },
      };
    },
    store: (tx, store, session) => sessionRepository(store).insert(tx, session.refreshRow),
  };
}
