import type { Logger } from "../logger";
import { createMemoryCache } from "./memory";
import { createRedisCache } from "./redis";
import { type ResilienceOptions, withResilience } from "./resilient";
import type { Cache } from "./types";
import { createUpstashCache, type UpstashOptions } from "./upstash";

export interface CacheOptions {
  /** A TCP Redis (`REDIS_URL`); wins over Upstash when both are set. */
  redisUrl?: string;
  /** Upstash's REST endpoint (`UPSTASH_REDIS_REST_URL` + `UPSTASH_REDIS_REST_TOKEN`). */
  upstash?: UpstashOptions;
  logger: Logger;
  /** Entries kept by the in-process cache when no remote is configured. */
  memoryEntries?: number;
  resilience?: Omit<ResilienceOptions, "logger">;
}

/** Redis, Upstash or an in-process cache, as configured; a remote one never fails a read. */
export function createCache(options: CacheOptions): Cache {
  const resilience = { ...options.resilience, logger: options.logger };
  if (options.redisUrl) return withResilience(createRedisCache(options.redisUrl), resilience);
  if (options.upstash) return withResilience(createUpstashCache(options.upstash), resilience);
  return createMemoryCache(options.memoryEntries);
}
