import { afterAll, describe, expect, test } from "bun:test";
import { redisUrl } from "@questline/kit/testing/env";
import { redisMissing } from "@questline/kit/testing/redis";
import {
  startUpstashEndpoint,
  type UpstashEndpoint,
} from "@questline/kit/testing/upstash-endpoint";
import { describeEach, type Variant } from "@questline/kit/testing/variants";
import { RedisClient } from "bun";
import { questBody, startTestCatalog } from "../testing/harness";

const missing = await redisMissing();
let upstash: UpstashEndpoint | undefined;
afterAll(() => upstash?.stop());

const caches: Variant<() => Record<string, string>>[] = [
  { name: "Redis", value: () => ({ REDIS_URL: redisUrl() }), missing },
  {
    name: "Upstash",
    value: () => {
      upstash ??= startUpstashEndpoint();
      return { UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: upstash.token };
    },
    missing,
  },
];

describeEach("catalog reads cached in %s", caches, (env) => {
  test("reads fill the shared cache under the deployment prefix, and a write is seen at once", async () => {
    const prefix = `test-${crypto.randomUUID()}`;
    const catalog = await startTestCatalog("sqlite", { env: { ...env(), CACHE_PREFIX: prefix } });
    const redis = new RedisClient(redisUrl());
    try {
      const admin = await catalog.token(["admin"]);
      const player = await catalog.token(["player"]);
      const created = await catalog.call("POST", "/api/v1/quest", {
        token: admin,
        body: questBody({ status: "published" }),
      });
      const path = `/api/v1/quest/${created.body.id}`;
      expect((await catalog.call("GET", path, { token: player })).body.target).toBe(3);
      const keys = await redis.send("KEYS", [`${prefix}:catalog:default:*`]);
      expect((keys as string[]).some((key) => key.endsWith(`:id:${created.body.id}`))).toBe(true);

      await catalog.call("PUT", path, { token: admin, body: { target: 4 } });
      expect((await catalog.call("GET", path, { token: player })).body.target).toBe(4);
    } finally {
      redis.close();
      await catalog.close();
    }
  });
});

describe("a cache that cannot be reached", () => {
  test("slows reads down but never fails them, nor writes", async () => {
    const catalog = await startTestCatalog("sqlite", { env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const admin = await catalog.token(["admin"]);
      const created = await catalog.call("POST", "/api/v1/quest", {
        token: admin,
        body: questBody(),
      });
      expect(created.status).toBe(201);
      for (let read = 0; read < 5; read++) {
        const response = await catalog.call("GET", `/api/v1/quest/${created.body.name}`, {
          token: admin,
        });
        expect(response.status).toBe(200);
      }
      const edited = await catalog.call("PUT", `/api/v1/quest/${created.body.id}`, {
        token: admin,
        body: { target: 9 },
      });
      expect(edited.body.target).toBe(9);
      expect(
        (await catalog.call("GET", `/api/v1/quest/${created.body.id}`, { token: admin })).body
          .target,
      ).toBe(9);
    } finally {
      await catalog.close();
    }
  });
});
