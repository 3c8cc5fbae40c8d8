import { Redis } from "@upstash/redis";
import type { Cache } from "./types";

export interface UpstashOptions {
  url: string;
  token: string;
}

/** Upstash's REST protocol through `@upstash/redis`, for runtimes without TCP sockets. */
export function createUpstashCache(options: UpstashOptions): Cache {
  const client = new Redis({
    url: options.url,
    token: options.token,
    // Values stay the strings we stored; retries are the resilient wrapper's call, not the client's.
    automaticDeserialization: false,
    retry: false,
    enableTelemetry: false,
  });
  return {
    kind: "upstash",
    async get(key) {
      const value = await client.get<string>(key);
      return value ?? null;
    },
    async set(key, value, ttlSeconds) {
      await client.set(key, value, { ex: ttlSeconds });
    },
    async delete(...keys) {
      if (keys.length > 0) await client.del(...keys);
    },
    incr: (key) => client.incr(key),
    async close() {},
  };
}
