import { afterAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createCache } from "@questline/kit/cache/create-cache";
import { createMemoryCache } from "@questline/kit/cache/memory";
import { withPrefix } from "@questline/kit/cache/prefixed";
import type { Cache } from "@questline/kit/cache/types";
import { createLogger } from "@questline/kit/logger";
import { appErrorOf } from "@questline/kit/testing/app-error";
import { redisUrl } from "@questline/kit/testing/env";
import { redisMissing } from "@questline/kit/testing/redis";
import { describeEach, describeNeeding, type Variant } from "@questline/kit/testing/variants";
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
const redis = await redisMissing();
const backends: Variant<CacheFactory>[] = [
  { name: "memory", value: () => createMemoryCache() },
  { name: "redis", value: redisCache, missing: redis },
];

const who = (userName: string, address = "192.0.2.1") => ({
  tenantId: "default",
  userName,
  address,
});

/** How long the attempt is told to wait: the Retry-After of its 429. */
const lockOf = async (attempt: Promise<unknown>) => (await appErrorOf(attempt)).retryAfter;

describeEach("login throttle on %s", backends, (makeCache) => {
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
    expect(await lockOf(throttle.begin(who("ada", "10.0.0.99")))).toBe(60);
    clock.now += 30_000;
    expect(await lockOf(throttle.begin(who("ADA", "10.0.0.100")))).toBe(30);
    clock.now += 31_000;
    await expect(throttle.begin(who("ada"))).resolves.toBeDefined();
  });

  test("parallel guesses cannot outrun the count", async () => {
    const throttle = throttleOn(fresh());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => throttle.begin(who("grace"))),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) {
      if (result.status === "rejected")
        expect((await appErrorOf(Promise.reject(result.reason))).status).toBe(429);
    }
  });

  test("a success starts the count over", async () => {
    const throttle = throttleOn(fresh());
    for (let round = 0; round < 4; round++) {
      await (await throttle.begin(who("linus"))).failed();
      await (await throttle.begin(who("linus"))).failed();
      await (await throttle.begin(who("linus"))).succeeded();
    }
    await expect(throttle.begin(who("linus"))).resolves.toBeDefined();
  });

  test("an address with many failures is locked for every account", async () => {
    const throttle = throttleOn(fresh(), { maxFailuresPerAddress: 2 });
    for (const name of ["a1", "a2", "a3"])
      await (await throttle.begin(who(name, "198.51.100.1"))).failed();
    expect(await lockOf(throttle.begin(who("a4", "198.51.100.1")))).toBe(60);
    await expect(throttle.begin(who("a4", "198.51.100.2"))).resolves.toBeDefined();
  });
});

/** A login throttle in a process of its own (testdata/throttle-replica.ts) on the shared Redis. */
function startReplica(prefix: string) {
  const script = join(import.meta.dir, "testdata", "throttle-replica.ts");
  const child = spawn(process.execPath, [script, redisUrl(), prefix], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    /** One failed sign-in of `userName`; what the replica answered. */
    async fail(userName: string): Promise<string> {
      child.stdin.write(`${userName}\n`);
      const answer = await answers.next();
      if (answer.done) throw new Error(`the replica exited (${child.exitCode})`);
      return answer.value;
    },
    stop: () => child.kill(),
  };
}

describeNeeding("login throttle across processes", redis, () => {
  test("two auth replicas, each a process of its own, on one Redis share the count", async () => {
    const prefix = `test-throttle-${crypto.randomUUID()}`;
    const [first, second] = [startReplica(prefix), startReplica(prefix)];
    try {
      const answers = [
        await first.fail("shared"),
        await second.fail("shared"),
        await first.fail("shared"),
        await second.fail("shared"),
      ];
      expect(answers.slice(0, 3)).toEqual(["counted", "counted", "counted"]);
      expect(answers[3]).toMatch(/^locked [1-9]\d*$/);
      // Another account is not locked by the shared one's failures.
      expect(await first.fail("other")).toBe("counted");
    } finally {
      first.stop();
      second.stop();
    }
  }, 30_000);
});

describe("login throttle without Redis", () => {
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
    expect(await lockOf(throttle.begin(who("offline")))).toBeGreaterThan(0);
  });
});
