/** Redis on Bun: the built-in `RedisClient` (pipelines on its own). */
import { RedisClient } from "bun";
import { REDIS_CONNECT_TIMEOUT_MS, type RedisConnection } from "../redis";

export function bunRedis(url: string): RedisConnection {
  const client = new RedisClient(url, {
    connectionTimeout: REDIS_CONNECT_TIMEOUT_MS,
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
    get: async (key) => (await connected()).get(key),
    async set(key, value, ttlSeconds) {
      await (await connected()).set(key, value, "EX", ttlSeconds);
    },
    async del(...keys) {
      if (keys.length > 0) await (await connected()).del(...keys);
    },
    incr: async (key) => (await connected()).incr(key),
    send: async (command, args) => (await connected()).send(command, args),
    close: () => client.close(),
  };
}
