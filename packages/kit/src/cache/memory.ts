import type { Cache } from "./types";

interface Entry {
  value: string;
  expiresAt: number;
}

/** An in-process cache: least recently used entries leave first once `maxEntries` is reached. */
export function createMemoryCache(maxEntries = 10_000): Cache {
  // A Map iterates in insertion order; re-inserting on every hit keeps the coldest entry first.
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    entries.set(key, entry);
    return entry;
  };
  const store = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) {
      const coldest = entries.keys().next();
      if (coldest.done) break;
      entries.delete(coldest.value);
    }
  };

  return {
    kind: "memory",
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      store(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    async delete(...keys) {
      for (const key of keys) entries.delete(key);
    },
    async incr(key) {
      const entry = live(key);
      const next = (entry ? Number.parseInt(entry.value, 10) || 0 : 0) + 1;
      store(key, { value: String(next), expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY });
      return next;
    },
    async close() {
      entries.clear();
    },
  };
}
