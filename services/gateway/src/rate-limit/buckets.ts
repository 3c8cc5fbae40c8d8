/** Token buckets: `burst` tokens at most, refilled at `perSecond`; a request takes one. */
export interface BucketLimit {
  perSecond: number;
  burst: number;
}

export interface Decision {
  allowed: boolean;
  /** When refused: how long until a token is back. */
  retryAfterMs: number;
}

export interface Buckets {
  readonly kind: "memory" | "redis";
  take(key: string, limit: BucketLimit): Promise<Decision>;
  close(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Buckets in this process's memory: the fallback when no Redis is configured or Redis is away.
 * At most `maxKeys` buckets are kept; the least recently used goes first (a forgotten bucket
 * restarts full, which only ever lets a client through).
 */
export function memoryBuckets(options: { maxKeys?: number; now?: () => number } = {}): Buckets {
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  return {
    kind: "memory",
    async take(key, limit) {
      const at = now();
      const known = buckets.get(key);
      buckets.delete(key);
      const refilled = known
        ? Math.min(limit.burst, known.tokens + ((at - known.at) * limit.perSecond) / 1000)
        : limit.burst;
      const allowed = refilled >= 1;
      const tokens = allowed ? refilled - 1 : refilled;
      buckets.set(key, { tokens, at });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }
      return {
        allowed,
        retryAfterMs: allowed ? 0 : Math.ceil(((1 - tokens) * 1000) / limit.perSecond),
      };
    },
    async close() {
      buckets.clear();
    },
  };
}
