import { afterAll, describe, expect, test } from "bun:test";
import { createCache } from "@questline/kit/cache/create-cache";
import { createMemoryCache } from "@questline/kit/cache/memory";
import { withPrefix } from "@questline/kit/cache/prefixed";
import type { Cache } from "@questline/kit/cache/types";
import { AppError } from "@questline/kit/errors";
import { createLogger } from "@questline/kit/logger";
import { redisUrl } from "@questline/kit/testing/env";
import { redisAvailable } from "@questline/kit/testing/redis";
import { createLoginThrottle, type LoginThrottleOptions } from "./login-throttle";

const logger = createLogger({ service: "auth", write: () => undefined });
const caches: Cache[] = [];
afterAll(async () => {
  for (const cache of caches) await cache.close();
});

type CacheFactory = () => Cache;
const redisCache: CacheFactory = () => {
  const cache = createCache({ redisUrl: redisUrl(), logger });
  caches.push(cache);
  return cache;
};
const withRedis = await redisAvailable();
const backends: [string, CacheFactory][] = [["memory", () => createMemoryCache()]];
if (withRedis) backends.push(["redis", redisCache]);

const who = (userName: string, address = "192.0.2.1") => ({
  tenantId: "default",
  userName,
  address,
});

async function waitOf(attempt: Promise<unknown>): Promise<number | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    if (error instanceof AppError && error.status === 429) return error.retryAfter;
    throw error;
  }
}

describe.each(backends)("login throttle on %s", (_, makeCache) => {
  const clock = { now: Date.now() };
  const throttleOn = (cache: Cache, options: Partial<LoginThrottleOptions> = {}) =>
    createLoginThrottle({
      cache,
      maxAttemptsPerAccount: 3,
      maxFailuresPerAddress: 100,
      lockSeconds: 60,
      now: () => clock.now,
      ...options,
    });
  // Each test run gets its own key space in a shared Redis.
  const fresh = () => withPrefix(makeCache(), `test-throttle-${crypto.randomUUID()}`);

  test("the attempt past the limit locks the account, then the lock ends", async () => {
    const throttle = throttleOn(fresh());
    for (let attempt = 0; attempt < 3; attempt++) {
      await (await throttle.begin(who("ada", `10.0.0.${attempt}`))).failed();
    }
    expect(await waitOf(throttle.begin(who("ada", "10.0.0.99")))).toBe(60);
    clock.now += 30_000;
    expect(await waitOf(throttle.begin(who("ADA", "10.0.0.100")))).toBe(30);
    clock.now += 31_000;
    expect(await waitOf(throttle.begin(who("ada")))).toBeUndefined();
  });

  test("parallel guesses cannot outrun the count", async () => {
    const throttle = throttleOn(fresh());
    const results = await Promise.all(
      Array.from({ length: 20 }, () => waitOf(throttle.begin(who("grace")))),
    );
    expect(results.filter((wait) => wait === undefined)).toHaveLength(3);
  });

  test("a success starts the count over", async () => {
    const throttle = throttleOn(fresh());
    for (let round = 0; round < 4; round++) {
      await (await throttle.begin(who("linus"))).failed();
      await (await throttle.begin(who("linus"))).failed();
      await (await throttle.begin(who("linus"))).succeeded();
    }
    expect(await waitOf(throttle.begin(who("linus")))).toBeUndefined();
  });

  test("an address with many failures is locked for every account", async () => {
    const throttle = throttleOn(fresh(), { maxFailuresPerAddress: 2 });
    for (const name of ["a1", "a2", "a3"])
      await (await throttle.begin(who(name, "198.51.100.1"))).failed();
    expect(await waitOf(throttle.begin(who("a4", "198.51.100.1")))).toBe(60);
    expect(await waitOf(throttle.begin(who("a4", "198.51.100.2")))).toBeUndefined();
  });
});

describe("login throttle across processes", () => {
  test.skipIf(!withRedis)("two auth replicas on one Redis share the count", async () => {
    const prefix = `test-throttle-${crypto.randomUUID()}`;
    const replica = () =>
      createLoginThrottle({ cache: withPrefix(redisCache(), prefix), maxAttemptsPerAccount: 3 });
    const [first, second] = [replica(), replica()];
    await (await first.begin(who("shared"))).failed();
    await (await second.begin(who("shared"))).failed();
    await (await first.begin(who("shared"))).failed();
    expect(await waitOf(second.begin(who("shared")))).toBeGreaterThan(0);
  });

  test("while Redis is unreachable the process still counts on its own", async () => {
    const unreachable = createCache({
      redisUrl: "redis://127.0.0.1:1",
      logger,
      resilience: { timeoutMs: 50 },
    });
    caches.push(unreachable);
    const throttle = createLoginThrottle({ cache: unreachable, maxAttemptsPerAccount: 2 });
    await (await throttle.begin(who("offline"))).failed();
    await (await throttle.begin(who("offline"))).failed();
    expect(await waitOf(throttle.begin(who("offline")))).toBeGreaterThan(0);
  });
});
