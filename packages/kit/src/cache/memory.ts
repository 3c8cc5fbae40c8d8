import type { Cache } from "./types";

interface Entry {
  value: string;
  expiresAt: number;
  /** When a hit last moved the entry to the warm end. */
  touchedAt: number;
}

/** A hit moves its entry to the warm end at most this often: reordering on every hit was most of a hit's cost. */
const TOUCH_EVERY_MS = 1000;

/**
 * An in-process cache: least recently used entries leave first once `maxEntries` is reached (to
 * within a second: see `TOUCH_EVERY_MS`).
 */
export function createMemoryCache(maxEntries = 10_000): Cache {
  // A Map iterates in insertion order; re-inserting on every hit keeps the coldest entry first.
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    if (now - entry.touchedAt >= TOUCH_EVERY_MS) {
      entry.touchedAt = now;
      entries.delete(key);
      entries.set(key, entry);
    }
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
      const now = Date.now();
      store(key, { value, expiresAt: now + ttlSeconds * 1000, touchedAt: now });
    },
    async delete(...keys) {
      for (const key of keys) entries.delete(key);
    },
    async incr(key) {
      const entry = live(key);
      const next = (entry ? Number.parseInt(entry.value, 10) || 0 : 0) + 1;
      store(key, {
        value: String(next),
        expiresAt: entry?.expiresAt ?? Number.POSITIVE_INFINITY,
        touchedAt: Date.now(),
      });
      return next;
    },
    async close() {
      entries.clear();
    },
  };
}
