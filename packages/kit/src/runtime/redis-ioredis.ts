/** The portable Redis client (Deno, or anywhere without Bun): `ioredis` over `node:net`. */
import Redis from "ioredis";
import { REDIS_CONNECT_TIMEOUT_MS, type RedisConnection } from "./redis";

export function ioredisConnection(url: string): RedisConnection {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // No reconnect of its own: the next command after a failure dials again (below).
    retryStrategy: () => null,
  });
  // Failures reach the caller of the command; the event would otherwise be an unhandled error.
  client.on("error", () => undefined);
  let connecting: Promise<void> | undefined;
  const connected = async (): Promise<Redis> => {
    if (client.status !== "ready") {
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
    send: async (command, args) => (await connected()).call(command, ...args),
    close: () => client.disconnect(),
  };
}
