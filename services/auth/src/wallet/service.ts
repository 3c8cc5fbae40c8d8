import { conflict, notFound } from "@questline/kit/errors";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import { accountRepository } from "../accounts/repository";
import type { AuthTables } from "../schema";
import {
  type Balances,
  type GrantInput,
  type GrantResult,
  normalizeGrant,
  sameGrant,
} from "./grant";
import { type LedgerEntry, walletRepository } from "./repository";

/** Two racing grants may both miss each other's row; the loser re-reads and sees the winner. */
const MAX_GRANT_ATTEMPTS = 5;

export interface LedgerPage {
  entries: LedgerEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore: number | undefined;
}

export interface Wallet {
  /** Applies the grant once: all items or none; a repeat returns the first result. */
  grant(tenantId: string, input: GrantInput): Promise<GrantResult>;
  balances(tenantId: string, userId: string): Promise<Balances>;
  ledger(
    tenantId: string,
    userId: string,
    page: { limit: number; before?: number },
  ): Promise<LedgerPage>;
}

export function createWallet(
  storage: ServiceStorage<AuthTables>,
  now: () => number = Date.now,
): Wallet {
  async function grantOnce(tenantId: string, grant: GrantInput): Promise<GrantResult> {
    const store = await storage.tenant(tenantId);
    const wallet = walletRepository(store);
    const accounts = accountRepository(store);
    return store.transaction(async (tx) => {
      const earlier = await wallet.findGrant(tx, grant.grantId);
      if (earlier !== undefined) {
        if (!sameGrant(earlier, grant)) {
          throw conflict(
            "grant_id_reused",
            `Grant "${grant.grantId}" was already used for a different user or items`,
          );
        }
        return { grantId: grant.grantId, balances: earlier.balancesAfter, duplicate: true };
      }
      if ((await accounts.findById(tx, grant.userId)) === undefined) {
        throw notFound("unknown_user", `User "${grant.userId}" does not exist`);
      }
      const balances = await wallet.applyGrant(tx, grant, now());
      return { grantId: grant.grantId, balances, duplicate: false };
    });
  }

  return {
    async grant(tenantId, input) {
      const grant = normalizeGrant(input);
      for (let attempt = 1; ; attempt++) {
        try {
          return await grantOnce(tenantId, grant);
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= MAX_GRANT_ATTEMPTS) throw error;
        }
      }
    },
    async balances(tenantId, userId) {
      const store = await storage.tenant(tenantId);
      return walletRepository(store).balancesOf(store.db, userId);
    },
    async ledger(tenantId, userId, { limit, before }) {
      const store = await storage.tenant(tenantId);
      const entries = await walletRepository(store).ledgerPage(userId, limit + 1, before);
      const page = entries.slice(0, limit);
      const last = page.at(-1);
      return {
        entries: page,
        nextBefore: entries.length > limit && last !== undefined ? last.position : undefined,
      };
    },
  };
}
