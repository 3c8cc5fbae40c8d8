/**
 * Sign-in throttling. Each attempt on an account is counted before its password is checked, so
 * parallel guesses cannot outrun the count; a sign-in that succeeds clears it. Past the limit the
 * account is locked for a while (429 + Retry-After) whatever address the guesses come from.
 * Failures are also counted per client address, which locks an address that sprays many accounts.
 * Counters live in the kit Cache (`window-counter.ts`).
 */

import type { Cache } from "@questline/kit/cache/types";
import { rateLimited } from "@questline/kit/errors";
import { nameKeyOf } from "../accounts/repository";
import { windowCounter } from "./window-counter";

export interface LoginThrottleOptions {
  cache: Cache;
  /** Attempts per account per window before it locks (default 5). */
  maxAttemptsPerAccount?: number;
  /** Failed sign-ins per address per window before it locks (default 50). */
  maxFailuresPerAddress?: number;
  /** Length of the counting window (default 15 minutes). */
  windowSeconds?: number;
  /** How long a lock lasts (default 5 minutes). */
  lockSeconds?: number;
  now?: () => number;
}

export interface LoginAttempt {
  /** The password was right: the account's count starts over. */
  succeeded(): Promise<void>;
  /** The name or password was wrong: the address's failures grow. */
  failed(): Promise<void>;
}

export interface LoginThrottle {
  /** Throws 429 while the account or the address is locked; otherwise counts one attempt. */
  begin(who: { tenantId: string; userName: string; address: string }): Promise<LoginAttempt>;
}

export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const maxPerAccount = options.maxAttemptsPerAccount ?? 5;
  const maxPerAddress = options.maxFailuresPerAddress ?? 50;
  const windowSeconds = options.windowSeconds ?? 15 * 60;
  const lockSeconds = options.lockSeconds ?? 5 * 60;
  const now = options.now ?? Date.now;
  const { remote, local, windowKey, count } = windowCounter({
    cache: options.cache,
    windowSeconds,
    now,
  });

  async function lockedFor(key: string): Promise<number> {
    const [shared, own] = await Promise.all([remote.get(key), local.get(key)]);
    const until = Math.max(Number(shared ?? 0), Number(own ?? 0));
    return until > now() ? Math.ceil((until - now()) / 1000) : 0;
  }

  async function lock(key: string, counter: string): Promise<number> {
    const until = String(now() + lockSeconds * 1000);
    await Promise.all([
      remote.set(key, until, lockSeconds),
      local === remote ? undefined : local.set(key, until, lockSeconds),
      remote.delete(windowKey(counter)),
      local === remote ? undefined : local.delete(windowKey(counter)),
    ]);
    return lockSeconds;
  }

  return {
    async begin({ tenantId, userName, address }) {
      const account = `auth:signin:account:${tenantId}:${nameKeyOf(userName)}`;
      const client = `auth:signin:address:${address}`;
      const accountWait = await lockedFor(`${account}:lock`);
      if (accountWait > 0) throw accountLocked(accountWait);
      const addressWait = await lockedFor(`${client}:lock`);
      if (addressWait > 0) throw addressLocked(addressWait);
      if ((await count(`${account}:attempts`)) > maxPerAccount) {
        throw accountLocked(await lock(`${account}:lock`, `${account}:attempts`));
      }
      return {
        async succeeded() {
          await Promise.all([
            remote.delete(windowKey(`${account}:attempts`)),
            local === remote ? undefined : local.delete(windowKey(`${account}:attempts`)),
          ]);
        },
        async failed() {
          if ((await count(`${client}:failures`)) > maxPerAddress) {
            await lock(`${client}:lock`, `${client}:failures`);
          }
        },
      };
    },
  };
}

const accountLocked = (seconds: number) =>
  rateLimited(
    seconds,
    "Too many sign-in attempts for this account; try again later",
    "too_many_attempts",
  );

const addressLocked = (seconds: number) =>
  rateLimited(
    seconds,
    "Too many failed sign-ins from this address; try again later",
    "too_many_attempts",
  );
