import type { Logger } from "../logger";
import { CircuitBreaker } from "./circuit-breaker";
import type { Cache } from "./types";

export interface ResilienceOptions {
  logger: Logger;
  /** Longest wait for one remote call (default 150 ms). */
  timeoutMs?: number;
  /** Failures in a row that open the circuit (default 3)… */
  failureThreshold?: number;
  /** …for this long (default 5 s), during which calls skip the remote at once. */
  openMs?: number;
  /** At most one warning per this interval (default 10 s); the others are counted. */
  logEveryMs?: number;
  /** Invalidations remembered while the remote is away (default 10,000 keys). */
  maxPendingDeletes?: number;
  /** The time the circuit and the warnings go by (default `Date.now`; tests pass their own). */
  now?: () => number;
}

export interface CacheHealth {
  failures: number;
  skipped: number;
  circuitOpen: boolean;
  pendingDeletes: number;
}

export interface ResilientCache extends Cache {
  health(): CacheHealth;
}

/**
 * A remote cache whose outage never fails a request: a failed or slow `get` is a miss, a failed
 * `set` is dropped, and a failed `delete` is remembered, so the key reads as a miss here and is
 * deleted again once the remote answers (an invalidation is not lost while this process lives).
 * A failed `incr` returns a random negative number: the caller learns nothing was counted, and a
 * key built from it was never written, so reading it misses.
 */
export function withResilience(remote: Cache, options: ResilienceOptions): ResilientCache {
  const timeoutMs = options.timeoutMs ?? 150;
  const now = options.now ?? Date.now;
  const breaker = new CircuitBreaker(options.failureThreshold ?? 3, options.openMs ?? 5000, now);
  const logEveryMs = options.logEveryMs ?? 10_000;
  const maxPending = options.maxPendingDeletes ?? 10_000;
  const pending = new Set<string>();
  const counts = { failures: 0, skipped: 0, unlogged: 0, lastLog: 0 };
  let flushing = false;

  const report = (op: string, error: unknown) => {
    counts.failures++;
    if (now() - counts.lastLog < logEveryMs) {
      counts.unlogged++;
      return;
    }
    options.logger.warn("cache unavailable, serving without it", {
      cache: remote.kind,
      op,
      error,
      failures_since_last_warning: counts.unlogged,
    });
    counts.lastLog = now();
    counts.unlogged = 0;
  };

  async function attempt<R>(
    op: string,
    call: () => Promise<R>,
  ): Promise<{ ok: true; value: R } | { ok: false }> {
    if (breaker.isOpen) {
      counts.skipped++;
      return { ok: false };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache ${op} timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const value = await Promise.race([call(), timeout]);
      breaker.succeeded();
      if (pending.size > 0) flushPending();
      return { ok: true, value };
    } catch (error) {
      breaker.failed();
      report(op, error);
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  const remember = (keys: string[]) => {
    for (const key of keys) {
      if (pending.size >= maxPending) {
        options.logger.error("cache invalidations overflowed while the cache was away", {
          cache: remote.kind,
        });
        return;
      }
      pending.add(key);
    }
  };

  function flushPending() {
    if (flushing) return;
    flushing = true;
    const keys = [...pending];
    attempt("delete", () => remote.delete(...keys))
      .then((result) => {
        if (result.ok) for (const key of keys) pending.delete(key);
      })
      .finally(() => {
        flushing = false;
      });
  }

  return {
    kind: remote.kind,
    async get(key) {
      if (pending.has(key)) return null;
      const result = await attempt("get", () => remote.get(key));
      return result.ok ? result.value : null;
    },
    async set(key, value, ttlSeconds) {
      const result = await attempt("set", () => remote.set(key, value, ttlSeconds));
      if (result.ok) pending.delete(key);
    },
    async delete(...keys) {
      if (keys.length === 0) return;
      const result = await attempt("delete", () => remote.delete(...keys));
      if (!result.ok) remember(keys);
    },
    async incr(key) {
      const result = await attempt("incr", () => remote.incr(key));
      return result.ok ? result.value : -1 - Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
    },
    close: () => remote.close(),
    health: () => ({
      failures: counts.failures,
      skipped: counts.skipped,
      circuitOpen: breaker.isOpen,
      pendingDeletes: pending.size,
    }),
  };
}
