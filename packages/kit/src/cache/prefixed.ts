import type { Cache } from "./types";

/**
 * Puts every key of `cache` under `prefix:`, so deployments (and test runs) sharing one Redis never
 * read each other's entries. Change the prefix after resetting a database whose rows were cached.
 */
export function withPrefix(cache: Cache, prefix: string): Cache {
  const key = (name: string) => `${prefix}:${name}`;
  return {
    kind: cache.kind,
    get: (name) => cache.get(key(name)),
    set: (name, value, ttlSeconds) => cache.set(key(name), value, ttlSeconds),
    delete: (...names) => cache.delete(...names.map(key)),
    incr: (name) => cache.incr(key(name)),
    close: () => cache.close(),
  };
}
