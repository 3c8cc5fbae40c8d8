import { CircuitBreaker } from "@questline/kit/cache/circuit-breaker";
import type { Logger } from "@questline/kit/logger";
import type { Buckets } from "./buckets";

export interface ResilientBucketsOptions {
  logger: Logger;
  /** Longest wait for Redis on one request (default 100 ms). */
  timeoutMs?: number;
  /** At most one warning per this interval (default 10 s). */
  logEveryMs?: number;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: Timer | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Shared buckets whose outage never fails a request: while Redis fails or is slow, each replica
 * limits on its own with `fallback` (looser across replicas, never absent). After three failures in
 * a row Redis is skipped for five seconds, so requests do not each wait for it.
 */
export function resilientBuckets(
  remote: Buckets,
  fallback: Buckets,
  options: ResilientBucketsOptions,
): Buckets {
  const timeoutMs = options.timeoutMs ?? 100;
  const logEveryMs = options.logEveryMs ?? 10_000;
  const breaker = new CircuitBreaker(3, 5000);
  let lastWarning = 0;
  let unreported = 0;

  const report = (error: unknown) => {
    if (Date.now() - lastWarning < logEveryMs) {
      unreported++;
      return;
    }
    options.logger.warn("rate limit store unavailable, limiting in process", {
      error,
      failures_since_last_warning: unreported,
    });
    lastWarning = Date.now();
    unreported = 0;
  };

  return {
    kind: remote.kind,
    async take(key, limit) {
      if (breaker.isOpen) return fallback.take(key, limit);
      try {
        const decision = await within(remote.take(key, limit), timeoutMs);
        breaker.succeeded();
        return decision;
      } catch (error) {
        breaker.failed();
        report(error);
        return fallback.take(key, limit);
      }
    },
    async close() {
      await Promise.all([remote.close(), fallback.close()]);
    },
  };
}
