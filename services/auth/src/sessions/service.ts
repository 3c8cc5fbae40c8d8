/**
 * Refresh and signout. A refresh token is single use: using it spends it and yields a new pair in
 * the same family. Presenting a spent (or revoked) token means it leaked or was replayed, so the
 * whole family is revoked and the legitimate holder must sign in again.
 */
import { unauthenticated } from "@questline/kit/errors";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { accountRepository } from "../accounts/repository";
import type { AuthTables } from "../schema";
import { hashRefreshToken } from "./refresh-token";
import { sessionRepository } from "./repository";
import type { SessionIssuer, TokenPair } from "./session-issuer";

export interface SessionService {
  refresh(tenantId: string, refreshToken: string): Promise<TokenPair>;
  /** Revokes the token's family; unknown tokens are ignored (signing out twice is fine). */
  signout(tenantId: string, refreshToken: string): Promise<void>;
}

type RefreshOutcome =
  | { kind: "rotated"; pair: TokenPair }
  | { kind: "reused" }
  | { kind: "invalid" };

export function createSessionService(options: {
  storage: ServiceStorage<AuthTables>;
  sessions: SessionIssuer;
  now?: () => number;
}): SessionService {
  const now = options.now ?? Date.now;
  return {
    async refresh(tenantId, refreshToken) {
      const store = await options.storage.tenant(tenantId);
      const tokens = sessionRepository(store);
      const accounts = accountRepository(store);
      // The revocation of a reused family must commit, so the failure is thrown after the transaction.
      const outcome = await store.transaction(async (tx): Promise<RefreshOutcome> => {
        const at = now();
        const stored = await tokens.findByHash(tx, hashRefreshToken(refreshToken));
        if (stored === undefined) return { kind: "invalid" };
        if (stored.spentAt !== null || stored.revokedAt !== null) {
          await tokens.revokeFamily(tx, stored.familyId, at);
          return { kind: "reused" };
        }
        if (stored.expiresAt <= at) return { kind: "invalid" };
        const account = await accounts.findById(tx, stored.userId);
        if (account === undefined || !(await tokens.spend(tx, stored.id, at))) {
          return { kind: "invalid" };
        }
        // The new token stands for the same sign-in: a refresh is never a sign-in of its own.
        const session = await options.sessions.mint(tenantId, account, {
          familyId: stored.familyId,
          start: stored.sessionStart,
        });
        await options.sessions.store(tx, store, session);
        return { kind: "rotated", pair: session.pair };
      });
      switch (outcome.kind) {
        case "rotated":
          return outcome.pair;
        case "reused":
          throw unauthenticated(
            "This refresh token was already used; every session it belonged to is now signed out",
            "refresh_token_reused",
          );
        case "invalid":
          throw unauthenticated("The refresh token is not valid", "invalid_refresh_token");
        default: {
          const unknown: never = outcome;
          return unknown;
        }
      }
    },
    async signout(tenantId, refreshToken) {
      const store = await options.storage.tenant(tenantId);
      const tokens = sessionRepository(store);
      await store.transaction(async (tx) => {
        const stored = await tokens.findByHash(tx, hashRefreshToken(refreshToken));
        if (stored !== undefined) await tokens.revokeFamily(tx, stored.familyId, now());
      });
    },
  };
}
