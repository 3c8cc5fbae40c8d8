import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { createLogger } from "../logger";
import { redisUrl } from "../testing/env";
import { redisMissing } from "../testing/redis";
import { startUpstashEndpoint, type UpstashEndpoint } from "../testing/upstash-endpoint";
import { describeNeeding } from "../testing/variants";
import { createCache } from "./create-cache";
import type { ResilientCache } from "./resilient";

const run = `questline-test:${crypto.randomUUID()}`;

function capturingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: createLogger({ service: "cache-test", write: (line) => lines.push(line) }),
  };
}

describe("a cache outage never fails a read", () => {
  test("Redis unreachable: misses, dropped writes, a negative incr, one warning, an open circuit", async () => {
    const { lines, logger } = capturingLogger();
    const cache = createCache({ redisUrl: "redis://127.0.0.1:1", logger }) as ResilientCache;
    expect(await cache.get(`${run}:a`)).toBeNull();
    await cache.set(`${run}:a`, "value", 60);
    await cache.delete(`${run}:a`);
    expect(await cache.incr(`${run}:n`)).toBeLessThan(0);
    expect(await cache.get(`${run}:b`)).toBeNull();
    const health = cache.health();
    expect(health.circuitOpen).toBe(true);
    expect(health.failures).toBe(3);
    expect(health.skipped).toBe(2);
    expect(lines.filter((line) => line.includes("cache unavailable"))).toHaveLength(1);
    await cache.close();
  });

  test("Redis that accepts but never answers: the read gives up and misses", async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const { logger } = capturingLogger();
    const cache = createCache({ redisUrl: `redis://127.0.0.1:${silent.port}`, logger });
    expect(await cache.get(`${run}:slow`)).toBeNull();
    await cache.close();
    silent.stop(true);
  });
});

describeNeeding("Upstash endpoint outage", await redisMissing(), () => {
  let endpoint: UpstashEndpoint;
  let direct: RedisClient;
  beforeAll(() => {
    endpoint = startUpstashEndpoint();
    direct = new RedisClient(redisUrl());
  });
  afterAll(async () => {
    await endpoint.stop();
    direct.close();
  });

  test("reads miss while it is down, and an invalidation made meanwhile is not lost", async () => {
    const { logger } = capturingLogger();
    const cache = createCache({
      upstash: { url: endpoint.url, token: endpoint.token },
      logger,
      resilience: { timeoutMs: 1000, openMs: 50 },
    }) as ResilientCache;
    const key = `${run}:quest:1`;
    await cache.set(key, "version 1", 60);
    expect(await cache.get(key)).toBe("version 1");

    endpoint.setDown(true);
    expect(await cache.get(key)).toBeNull();
    await cache.delete(key);
    expect(cache.health().pendingDeletes).toBe(1);

    endpoint.setDown(false);
    expect(await direct.get(key)).toBe("version 1");
    // Redis still holds the stale entry, yet this process reads it as a miss until it is deleted.
    expect(await cache.get(key)).toBeNull();
    await Bun.sleep(60);
    await cache.get(`${run}:other`);
    for (let i = 0; i < 50 && cache.health().pendingDeletes > 0; i++) await Bun.sleep(20);
    expect(cache.health().pendingDeletes).toBe(0);
    expect(await direct.get(key)).toBeNull();
    await cache.set(key, "version 2", 60);
    expect(await cache.get(key)).toBe("version 2");
  });

  test("a wrong token is a failure the reader never sees", async () => {
    const { logger } = capturingLogger();
    const cache = createCache({ upstash: { url: endpoint.url, token: "wrong" }, logger });
    expect(await cache.get(`${run}:any`)).toBeNull();
    expect((cache as ResilientCache).health().failures).toBe(1);
  });
});
