/**
 * Sign-ups per client address: each one is counted before its password is hashed (the costly
 * part), in fixed windows shared by every tenant and replica (`window-counter.ts`). Past the limit
 * the address gets 429 with Retry-After until the window ends. Before, one address made 300
 * accounts in 21 s, each granted the sign-up quest's reward.
 */
import type { Cache } from "@questline/kit/cache/types";
import { rateLimited } from "@questline/kit/errors";
import { windowCounter } from "./window-counter";

export interface SignupLimit {
  /** Counts one sign-up from `address`; throws 429 past the limit. */
  admit(address: string): Promise<void>;
}

export function createSignupLimit(options: {
  cache: Cache;
  /** Sign-ups one address may make per window. */
  maxPerAddress: number;
  windowSeconds: number;
  now?: () => number;
}): SignupLimit {
  const counter = windowCounter({
    cache: options.cache,
    windowSeconds: options.windowSeconds,
    now: options.now ?? Date.now,
  });
  return {
    async admit(address) {
      if ((await counter.count(`auth:signup:address:${address}`)) > options.maxPerAddress) {
        throw rateLimited(
          counter.secondsLeft(),
          "Too many sign-ups from this address; try again later",
          "too_many_signups",
        );
      }
    },
  };
}
