import { afterAll, describe, expect, test } from "bun:test";
import { createLogger, type LogLevel } from "@questline/kit/logger";
import { redisUrl } from "@questline/kit/testing/env";
import { closedPortUrl } from "@questline/kit/testing/ports";
import { redisMissing } from "@questline/kit/testing/redis";
import { describeNeeding } from "@questline/kit/testing/variants";
import { type BucketLimit, type Buckets, memoryBuckets } from "./buckets";
import { redisBuckets } from "./redis-buckets";
import { resilientBuckets } from "./resilient-buckets";

const run = `test-${crypto.randomUUID()}`;
const LIMIT: BucketLimit = { perSecond: 1, burst: 3 };

async function takeMany(buckets: Buckets, key: string, count: number) {
  const decisions = [];
  for (let i = 0; i < count; i++) decisions.push(await buckets.take(key, LIMIT));
  return decisions;
}

describe("in-process buckets", () => {
  test("a burst passes, the next request waits for the refill, and time brings tokens back", async () => {
    let now = 1_000_000;
    const buckets = memoryBuckets({ now: () => now });
    const decisions = await takeMany(buckets, "user:a", 4);
    expect(decisions.map((one) => one.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]?.retryAfterMs).toBe(1000);
    expect((await buckets.take("user:b", LIMIT)).allowed).toBe(true);
    now += 1000;
    expect((await buckets.take("user:a", LIMIT)).allowed).toBe(true);
    expect((await buckets.take("user:a", LIMIT)).allowed).toBe(false);
  });

  test("the number of buckets kept is bounded", async () => {
    const buckets = memoryBuckets({ maxKeys: 2, now: () => 0 });
    await takeMany(buckets, "first", 3);
    await buckets.take("second", LIMIT);
    await buckets.take("third", LIMIT);
    // "first" was forgotten (least recently used): it starts full again.
    expect((await buckets.take("first", LIMIT)).allowed).toBe(true);
  });
});

describeNeeding("Redis buckets", await redisMissing(), () => {
  const opened: Buckets[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((buckets) => buckets.close()));
  });
  const open = () => {
    const buckets = redisBuckets(redisUrl());
    opened.push(buckets);
    return buckets;
  };

  test("two replicas share one bucket: the second sees what the first spent", async () => {
    const [one, two] = [open(), open()];
    const key = `${run}:shared`;
    await takeMany(one, key, 3);
    const refused = await two.take(key, LIMIT);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
  });

  test("concurrent requests never spend more tokens than the burst", async () => {
    const replicas = [open(), open(), open()];
    const key = `${run}:race`;
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => replicas[i % 3]?.take(key, LIMIT)),
    );
    expect(decisions.filter((one) => one?.allowed).length).toBe(3);
  });
});

describe("a Redis outage", () => {
  test("falls back to in-process limits: requests pass and are still limited", async () => {
    const warnings: string[] = [];
    const logger = createLogger({
      service: "gateway",
      write: (line: string, level: LogLevel) => {
        if (level === "warn") warnings.push(line);
      },
    });
    const down = redisBuckets(await closedPortUrl("redis"));
    const buckets = resilientBuckets(down, memoryBuckets(), { logger });
    const decisions = await takeMany(buckets, `${run}:outage`, 4);
    expect(decisions.map((one) => one.allowed)).toEqual([true, true, true, false]);
    expect(warnings.length).toBe(1);
    await buckets.close();
  });
});
