import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redisUrl } from "../testing/env";
import { redisMissing } from "../testing/redis";
import { describeEach, describeNeeding, type Variant } from "../testing/variants";
import { bunRedis } from "./bun/redis-bun";
import type { RedisConnection } from "./redis";
import { ioredisConnection } from "./redis-ioredis";

// Bun's client (the Bun adapter) and ioredis (the portable one, what Deno runs), the same checks.
const clients: Variant<(url: string) => RedisConnection>[] = [
  { name: "Bun's RedisClient", value: bunRedis },
  { name: "ioredis", value: ioredisConnection },
];
const run = `questline-test:${crypto.randomUUID()}`;
const sharedRedisMissing = await redisMissing();

/** A Redis of this test's own on a free port, which it may stop and start again. */
function ownRedis() {
  const dir = mkdtempSync(join(tmpdir(), "questline-redis-"));
  let port = 0;
  let server: Bun.Subprocess | undefined;
  const start = async () => {
    if (port === 0) {
      const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
      port = probe.port;
      probe.stop(true);
    }
    server = Bun.spawn(
      ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir],
      { stdout: "ignore", stderr: "ignore" },
    );
    for (let attempt = 0; attempt < 100; attempt++) {
      const up = await Bun.connect({
        hostname: "127.0.0.1",
        port,
        socket: { data() {} },
      }).then(
        (socket) => {
          socket.end();
          return true;
        },
        () => false,
      );
      if (up) return;
      await Bun.sleep(20);
    }
    throw new Error("redis-server did not start");
  };
  return {
    url: () => `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      server?.kill("SIGKILL");
      await server?.exited;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describeEach("Redis through %s", clients, (connect, name) => {
  describeNeeding("on the test Redis", sharedRedisMissing, () => {
    test("get, set with a time to live, del, incr and any command", async () => {
      const redis = connect(redisUrl());
      const key = `${run}:${name}`;
      await redis.set(key, "value", 60);
      expect(await redis.get(key)).toBe("value");
      const ttl = Number(await redis.send("TTL", [key]));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      await redis.del(key);
      expect(await redis.get(key)).toBeNull();
      expect(await redis.incr(`${key}:n`)).toBe(1);
      expect(await redis.incr(`${key}:n`)).toBe(2);
      const reply = await redis.send("EVAL", ["return {1, tonumber(ARGV[1])}", "0", "7"]);
      expect(reply).toEqual([1, 7]);
      await redis.del(`${key}:n`);
      redis.close();
    });
  });

  test("an unreachable Redis fails the command instead of queueing it", async () => {
    const redis = connect("redis://127.0.0.1:1");
    await expect(redis.get(`${run}:nowhere`)).rejects.toBeDefined();
    await expect(redis.incr(`${run}:nowhere`)).rejects.toBeDefined();
    redis.close();
  });

  test("after Redis comes back, the next command dials again", async () => {
    const server = ownRedis();
    try {
      await server.start();
      const redis = connect(server.url());
      await redis.set("k", "before", 60);
      await server.stop();
      await expect(redis.get("k")).rejects.toBeDefined();
      await server.start();
      let answer: string | null | undefined;
      for (let attempt = 0; attempt < 50 && answer === undefined; attempt++) {
        answer = await redis.get("k").catch(() => undefined);
        if (answer === undefined) await Bun.sleep(20);
      }
      // A fresh server without persistence: reachable again, and empty.
      expect(answer).toBeNull();
      redis.close();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
