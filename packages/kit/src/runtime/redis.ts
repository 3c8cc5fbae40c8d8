/**
 * The Redis seam (`REDIS_URL`, `redis://` or `rediss://`): Bun's built-in client on Bun, `ioredis`
 * elsewhere. The client is loaded on the first command, so a process without `REDIS_URL` never
 * loads one. Both behave the same way: no offline queue and no automatic reconnect, so while Redis
 * is away a command fails at once (the callers fall back), and the next command dials again.
 * Upstash's REST protocol is not this seam: `cache/upstash.ts` speaks it over fetch everywhere.
 */
import { onBun } from "./runtime";

export interface RedisConnection {
  get(key: string): Promise<string | null>;
  /** Sets `key` to expire after `ttlSeconds`. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  incr(key: string): Promise<number>;
  /** Any other command, e.g. `send("EVALSHA", [sha, "1", key])`. */
  send(command: string, args: string[]): Promise<unknown>;
  close(): void;
}

/** How long dialing may take before a command fails. */
export const REDIS_CONNECT_TIMEOUT_MS = 1000;

async function load(url: string): Promise<RedisConnection> {
  if (onBun()) return (await import("./bun/redis-bun")).bunRedis(url);
  return (await import("./redis-ioredis")).ioredisConnection(url);
}

/** A connection to the Redis at `url`; nothing is loaded or dialed until the first command. */
export function openRedis(url: string): RedisConnection {
  let loaded: Promise<RedisConnection> | undefined;
  let closed = false;
  const connection = () => {
    loaded ??= load(url);
    return loaded;
  };
  return {
    get: async (key) => (await connection()).get(key),
    set: async (key, value, ttlSeconds) => (await connection()).set(key, value, ttlSeconds),
    del: async (...keys) => (await connection()).del(...keys),
    incr: async (key) => (await connection()).incr(key),
    send: async (command, args) => (await connection()).send(command, args),
    close() {
      if (closed) return;
      closed = true;
      void loaded?.then((opened) => opened.close());
    },
  };
}
