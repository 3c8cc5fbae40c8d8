/**
 * What a wallet grant is, checked before it touches storage. Pure: no storage, no transport.
 */
import { invalid } from "@questline/kit/errors";
import { ITEM_PATTERN, MAX_GRANT_ITEMS, MAX_GRANT_QTY } from "@questline/kit/wallet-limits";

export interface WalletItem {
  item: string;
  qty: number;
}

export interface GrantInput {
  grantId: string;
  userId: string;
  items: readonly WalletItem[];
  reason: string;
}

export type Balances = Record<string, number>;

export interface GrantResult {
  grantId: string;
  balances: Balances;
  /** True when the grant id had been applied before; nothing changed. */
  duplicate: boolean;
}

export const GRANT_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
export const MAX_REASON_LENGTH = 200;

/** The grant with its items sorted by name; throws 422 naming the first field at fault. */
export function normalizeGrant(input: GrantInput): GrantInput {
  if (!GRANT_ID_PATTERN.test(input.grantId)) {
    throw invalid("grant_id", "grant_id must be 1-128 printable ASCII characters");
  }
  if (input.userId === "") throw invalid("user_id", "user_id is required");
  if (input.items.length === 0 || input.items.length > MAX_GRANT_ITEMS) {
    throw invalid("items", `items must hold 1-${MAX_GRANT_ITEMS} entries`);
  }
  if (input.reason.length > MAX_REASON_LENGTH) {
    throw invalid("reason", `reason must be at most ${MAX_REASON_LENGTH} characters`);
  }
  const seen = new Set<string>();
  input.items.forEach(({ item, qty }, index) => {
    if (!ITEM_PATTERN.test(item)) {
      throw invalid(`items/${index}/item`, `item must match ${ITEM_PATTERN.source}`);
    }
    if (seen.has(item)) throw invalid(`items/${index}/item`, `item "${item}" appears twice`);
    seen.add(item);
    if (!Number.isInteger(qty) || qty < 1 || qty > MAX_GRANT_QTY) {
      throw invalid(`items/${index}/qty`, `qty must be an integer from 1 to ${MAX_GRANT_QTY}`);
    }
  });
  const items = [...input.items]
    .map(({ item, qty }) => ({ item, qty }))
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return { grantId: input.grantId, userId: input.userId, items, reason: input.reason };
}

/** Two grants under one id must say the same thing, else the second is a caller's mistake. */
export const sameGrant = (a: GrantInput, b: GrantInput): boolean =>
  a.userId === b.userId && JSON.stringify(a.items) === JSON.stringify(b.items);
