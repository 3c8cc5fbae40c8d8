import { afterAll, beforeAll, expect, test } from "bun:test";
import { createLogger } from "../logger";
import { redisUrl } from "../testing/env";
import { redisMissing } from "../testing/redis";
import { startUpstashEndpoint, type UpstashEndpoint } from "../testing/upstash-endpoint";
import { describeEach, type Variant } from "../testing/variants";
import { createCache } from "./create-cache";
import type { Cache } from "./types";

type Kind = Cache["kind"];
const redis = await redisMissing();
const kinds: Variant<Kind>[] = [
  { name: "memory", value: "memory" },
  { name: "redis", value: "redis", missing: redis },
  { name: "upstash", value: "upstash", missing: redis },
];
const logger = createLogger({ service: "cache-test", level: "error" });
const run = `questline-test:${crypto.randomUUID()}`;

describeEach("%s cache", kinds, (kind) => {
  let cache: Cache;
  let endpoint: UpstashEndpoint | undefined;
  const key = (name: string) => `${run}:${kind}:${name}`;

  beforeAll(() => {
    if (kind === "upstash") endpoint = startUpstashEndpoint();
    cache = createCache({
      logger,
      redisUrl: kind === "redis" ? redisUrl() : undefined,
      upstash: endpoint && { url: endpoint.url, token: endpoint.token },
      // Generous here: these tests are about behaviour, the resilience suite is about outages.
      resilience: { timeoutMs: 2000 },
    });
  });
  afterAll(async () => {
    await cache.close();
    await endpoint?.stop();
  });

  test("is the kind configured", () => {
    expect(cache.kind).toBe(kind);
  });

  test("misses an absent key and hits what was set", async () => {
    expect(await cache.get(key("absent"))).toBeNull();
    await cache.set(key("quest"), '{"name":"sign-in-three-times","é":"ü"}', 60);
    expect(await cache.get(key("quest"))).toBe('{"name":"sign-in-three-times","é":"ü"}');
    await cache.set(key("quest"), "replaced", 60);
    expect(await cache.get(key("quest"))).toBe("replaced");
  });

  test("forgets an entry once its time to live is over", async () => {
    await cache.set(key("short"), "soon gone", 1);
    expect(await cache.get(key("short"))).toBe("soon gone");
    for (let i = 0; i < 40 && (await cache.get(key("short"))) !== null; i++) await Bun.sleep(100);
    expect(await cache.get(key("short"))).toBeNull();
  });

  test("deletes several keys at once", async () => {
    await cache.set(key("a"), "1", 60);
    await cache.set(key("b"), "2", 60);
    await cache.set(key("c"), "3", 60);
    await cache.delete(key("a"), key("b"));
    await cache.delete();
    expect([
      await cache.get(key("a")),
      await cache.get(key("b")),
      await cache.get(key("c")),
    ]).toEqual([null, null, "3"]);
  });

  test("counts concurrent increments without losing one", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cache.incr(key("generation"))),
    );
    expect(results.toSorted((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await cache.get(key("generation"))).toBe("20");
  });
});
