import { RedisClient } from "bun";
import type { Cache } from "./types";

/** A TCP Redis through Bun's built-in client (`redis://` or `rediss://`). */
export function createRedisCache(url: string): Cache {
  // No offline queue and no automatic reconnect: while Redis is away a call fails at once (the
  // resilient wrapper turns that into a miss), and the next call after a failure dials again.
  const client = new RedisClient(url, {
    connectionTimeout: 1000,
    autoReconnect: false,
    enableOfflineQueue: false,
  });
  let connecting: Promise<void> | undefined;
  const connected = async (): Promise<RedisClient> => {
    if (!client.connected) {
      connecting ??= client.connect().finally(() => {
        connecting = undefined;
      });
      await connecting;
    }
    return client;
  };

  return {
    kind: "redis",
    get: async (key) => (await connected()).get(key),
    async set(key, value, ttlSeconds) {
      await (await connected()).set(key, value, "EX", ttlSeconds);
    },
    async delete(...keys) {
      if (keys.length > 0) await (await connected()).del(...keys);
    },
    incr: async (key) => (await connected()).incr(key),
    async close() {
      client.close();
    },
  };
}
