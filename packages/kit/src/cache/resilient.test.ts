import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { createLogger } from "../logger";
import { redisUrl } from "../testing/env";
import { eventually } from "../testing/eventually";
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

  test("reads miss while it is down, the circuit opens, and an invalidation made meanwhile is not lost", async () => {
    const { logger } = capturingLogger();
    const clock = { now: Date.parse("2030-01-01T00:00:00Z") };
    const cache = createCache({
      upstash: { url: endpoint.url, token: endpoint.token },
      logger,
      resilience: { timeoutMs: 1000, failureThreshold: 2, openMs: 5000, now: () => clock.now },
    }) as ResilientCache;
    const key = `${run}:quest:1`;
    const other = `${run}:other`;
    await cache.set(key, "version 1", 60);
    expect(await cache.get(key)).toBe("version 1");

    endpoint.setDown(true);
    expect(await cache.get(key)).toBeNull();
    await cache.delete(key);
    // Two failures in a row: the circuit is open and the next read does not even try.
    expect(cache.health()).toEqual({
      failures: 2,
      skipped: 0,
      circuitOpen: true,
      pendingDeletes: 1,
    });
    expect(await cache.get(other)).toBeNull();
    expect(cache.health()).toMatchObject({ failures: 2, skipped: 1 });

    endpoint.setDown(false);
    expect(await direct.get(key)).toBe("version 1");
    // Redis still holds the stale entry, yet this process reads it as a miss until it is deleted.
    expect(await cache.get(key)).toBeNull();
    // Until the circuit's time is up the remote is skipped, back or not.
    clock.now += 4999;
    expect(await cache.get(other)).toBeNull();
    expect(cache.health()).toMatchObject({ skipped: 2, circuitOpen: true, pendingDeletes: 1 });
    clock.now += 1;
    expect(await cache.get(other)).toBeNull();
    expect(cache.health().circuitOpen).toBe(false);
    await eventually(() => cache.health().pendingDeletes === 0, "the remembered delete");
    expect(await direct.get(key)).toBeNull();
    await cache.set(key, "version 2", 60);
    expect(await cache.get(key)).toBe("version 2");
  });

  test("a wrong token is a failure the reader never sees; enough of them open the circuit", async () => {
    const { logger } = capturingLogger();
    const cache = createCache({
      upstash: { url: endpoint.url, token: "wrong" },
      logger,
    }) as ResilientCache;
    for (let read = 0; read < 4; read++) expect(await cache.get(`${run}:any`)).toBeNull();
    expect(cache.health()).toMatchObject({ failures: 3, skipped: 1, circuitOpen: true });
  });
});
