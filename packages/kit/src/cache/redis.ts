import { openRedis } from "../runtime/redis";
import type { Cache } from "./types";

/** A TCP Redis (`redis://` or `rediss://`) through the runtime's client (`runtime/redis.ts`). */
export function createRedisCache(url: string): Cache {
  // While Redis is away a call fails at once (the resilient wrapper turns that into a miss), and
  // the next call after a failure dials again.
  const redis = openRedis(url);
  return {
    kind: "redis",
    get: (key) => redis.get(key),
    set: (key, value, ttlSeconds) => redis.set(key, value, ttlSeconds),
    delete: (...keys) => redis.del(...keys),
    incr: (key) => redis.incr(key),
    async close() {
      redis.close();
    },
  };
}
