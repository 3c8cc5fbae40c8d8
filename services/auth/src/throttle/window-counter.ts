/**
 * Counts in fixed windows, in the kit Cache (Redis when configured, so replicas share the count).
 * While a remote cache is away, this process counts on its own rather than letting requests
 * through uncounted. Shared by the sign-in throttle and the sign-up limit.
 */
import { createMemoryCache } from "@questline/kit/cache/memory";
import type { Cache } from "@questline/kit/cache/types";

export function windowCounter(options: { cache: Cache; windowSeconds: number; now: () => number }) {
  const { windowSeconds, now } = options;
  const remote = options.cache;
  const local = remote.kind === "memory" ? remote : createMemoryCache();
  const windowKey = (key: string) => `${key}:${Math.floor(now() / 1000 / windowSeconds)}`;

  return {
    remote,
    local,
    windowKey,
    /** Adds one to `key`'s count in the current window and answers the count. */
    async count(key: string): Promise<number> {
      const bucket = windowKey(key);
      let value = await remote.incr(bucket);
      // A failed remote increment is negative: count here rather than not at all.
      if (value < 0) value = await local.incr(bucket);
      // The kit's counters never expire on their own; the first one in a window sets the expiry.
      if (value === 1) await remote.set(bucket, "1", windowSeconds);
      return value;
    },
    /** Seconds until the current window ends. */
    secondsLeft(): number {
      const windowMs = windowSeconds * 1000;
      return Math.max(1, Math.ceil((windowMs - (now() % windowMs)) / 1000));
    },
  };
}
