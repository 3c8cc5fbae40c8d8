import { describe, expect, test } from "bun:test";
import { Elysia, t } from "elysia";
import { AppError, rateLimited } from "../errors";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { eventually } from "../testing/eventually";
import { createServiceApp, type ServiceAppOptions } from "./app";
import { requestIdOf } from "./request-scope";
import { strictObject } from "./strict-object";

function setup(overrides: Partial<ServiceAppOptions> = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: "test", write: (line) => lines.push(JSON.parse(line)) });
  const metrics = createMetrics();
  const questBody = t.Object({
    name: t.String({ minLength: 1 }),
    rewards: t.Array(strictObject({ item: t.String(), qty: t.Integer({ minimum: 1 }) })),
  });
  const quests = new Elysia({ prefix: "/api/v1/quest" })
    .post("/", ({ body }) => ({ name: body.name, rewards: body.rewards.length }), {
      body: questBody,
    })
    .get("/busy", () => {
      throw rateLimited(7);
    })
    .get("/bug", () => {
      throw new Error("connection string postgres://secret@db leaked");
    });
  const app = createServiceApp({
    service: "test",
    version: "1.0.0",
    logger,
    metrics,
    readiness: async () => ({ database: "ok" }),
    ...overrides,
  })
    .use(quests)
    .get("/whoami", ({ set }) => ({ requestId: requestIdOf(set) }));
  return { app, lines };
}

const json = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers });

/** Request logs are written after the response is sent. */
const logFor = (lines: Record<string, unknown>[], requestId: string) =>
  eventually(
    () => lines.find((one) => one.msg === "request" && one.request_id === requestId),
    `the request log of ${requestId}`,
  );

describe("createServiceApp probes", () => {
  test("GET /health answers ok", async () => {
    const response = await setup().app.handle(get("/health"));
    expect([response.status, await response.json()]).toEqual([200, { status: "ok" }]);
  });

  test("GET /ready is 200 when every check is ok and 503 otherwise", async () => {
    const ready = await setup().app.handle(get("/ready"));
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: "ok", checks: { database: "ok" } },
    ]);
    const down = setup({
      readiness: async () => ({ database: "ok", redis: "connection refused" }),
    });
    const notReady = await down.app.handle(get("/ready"));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ checks: { redis: "connection refused" } });
  });

  test("GET /ready is 503 when the readiness check itself throws", async () => {
    const broken = setup({
      readiness: () => Promise.reject(new Error("pool closed")),
    });
    const response = await broken.app.handle(get("/ready"));
    expect([response.status, await response.json()]).toEqual([
      503,
      { status: "unavailable", checks: { readiness: "pool closed" } },
    ]);
  });
});

describe("createServiceApp request ids and logs", () => {
  test("echoes a well-formed incoming request id and gives it to handlers", async () => {
    const response = await setup().app.handle(get("/whoami", { "x-request-id": "abc-123" }));
    expect(response.headers.get("x-request-id")).toBe("abc-123");
    expect(await response.json()).toEqual({ requestId: "abc-123" });
  });

  test("replaces a malformed request id with a fresh UUID", async () => {
    const response = await setup().app.handle(get("/whoami", { "x-request-id": "x".repeat(129) }));
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ requestId: id });
  });

  test("logs one JSON line per request with route, status and duration", async () => {
    const { app, lines } = setup();
    await app.handle(get("/api/v1/quest/busy", { "x-request-id": "log-1" }));
    const line = await logFor(lines, "log-1");
    expect(line).toMatchObject({ method: "GET", route: "/api/v1/quest/busy", status: 429 });
    expect(typeof line.duration_ms).toBe("number");
    expect(lines.filter((one) => one.request_id === "log-1" && one.msg === "request")).toHaveLength(
      1,
    );
  });

  test("counts requests in /metrics by route and status", async () => {
    const { app, lines } = setup({ metricsToken: "scrape-me" });
    await app.handle(get("/health", { "x-request-id": "m-1" }));
    await app.handle(get("/nowhere/42", { "x-request-id": "m-2" }));
    await logFor(lines, "m-2");
    const text = await (
      await app.handle(get("/metrics", { authorization: "Bearer scrape-me" }))
    ).text();
    expect(text).toContain('http_requests_total{method="GET",route="/health",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain("process_resident_memory_bytes");
  });
});

describe("/metrics access", () => {
  test("with METRICS_TOKEN: the token, and nothing else", async () => {
    const { app } = setup({ metricsToken: "scrape-me" });
    const refused = [undefined, "Bearer wrong", "scrape-me", "Bearer scrape-me-too"].map((value) =>
      app.handle(get("/metrics", value === undefined ? {} : { authorization: value })),
    );
    for (const response of await Promise.all(refused)) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("metrics_token_required");
    }
  });

  test("without a token: loopback callers only", async () => {
    const { app } = setup();
    const server = app.listen({ port: 0, hostname: "127.0.0.1" }).server;
    try {
      expect((await fetch(`http://127.0.0.1:${server?.port}/metrics`)).status).toBe(200);
      expect((await app.handle(get("/metrics"))).status).toBe(401);
    } finally {
      await app.stop(true);
    }
  });
});

describe("createServiceApp errors", () => {
  const problem = async (response: Response) => {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    return (await response.json()) as Record<string, unknown>;
  };

  test("an unknown route is a 404 route_not_found problem with the request id", async () => {
    const response = await setup().app.handle(get("/nope", { "x-request-id": "r-404" }));
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({
      type: "urn:questline:problem:route_not_found",
      code: "route_not_found",
      status: 404,
      request_id: "r-404",
    });
  });

  test("malformed JSON is a 400 malformed_json problem", async () => {
    const response = await setup().app.handle(json("/api/v1/quest", "{nope"));
    expect(response.status).toBe(400);
    expect((await problem(response)).code).toBe("malformed_json");
  });

  const invalidBodies: [string, unknown, string][] = [
    ["an unknown top-level field", { name: "q", rewards: [], role: "admin" }, "role"],
    [
      "an unknown nested field",
      { name: "q", rewards: [{ item: "gold", qty: 1, bonus: 9 }] },
      "rewards/0/bonus",
    ],
    ["a quantity below 1", { name: "q", rewards: [{ item: "gold", qty: 0 }] }, "rewards/0/qty"],
    ["a missing field", { rewards: [] }, "name"],
  ];
  for (const [name, body, field] of invalidBodies) {
    test(`${name} is a 422 validation_failed naming ${field}`, async () => {
      const response = await setup().app.handle(json("/api/v1/quest", JSON.stringify(body)));
      expect(response.status).toBe(422);
      const body422 = await problem(response);
      expect(body422).toMatchObject({ code: "validation_failed", field });
      expect(String(body422.detail)).toContain(field);
    });
  }

  test("the detail of a bad number says what was expected", async () => {
    const body = { name: "q", rewards: [{ item: "gold", qty: 0 }] };
    const response = await setup().app.handle(json("/api/v1/quest", JSON.stringify(body)));
    expect(String((await problem(response)).detail)).toContain("greater or equal to 1");
  });

  test("a valid body passes", async () => {
    const body = { name: "q", rewards: [{ item: "gold", qty: 2 }] };
    const response = await setup().app.handle(json("/api/v1/quest", JSON.stringify(body)));
    expect([response.status, await response.json()]).toEqual([200, { name: "q", rewards: 1 }]);
  });

  test("an AppError keeps its status and code and sets retry-after", async () => {
    const response = await setup().app.handle(get("/api/v1/quest/busy"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect((await problem(response)).code).toBe("rate_limited");
  });

  test("an unexpected error is a bare 500 that is logged, not shown", async () => {
    const { app, lines } = setup();
    const response = await app.handle(get("/api/v1/quest/bug", { "x-request-id": "r-500" }));
    expect(response.status).toBe(500);
    const text = JSON.stringify(await problem(response));
    expect(text).toContain('"code":"internal"');
    expect(text).not.toContain("secret");
    const logged = lines.find(
      (one) => one.msg === "unexpected error" && one.request_id === "r-500",
    );
    expect(JSON.stringify(logged)).toContain("secret");
  });

  test("AppError is mapped through toProblem, not Elysia's error body", async () => {
    const app = setup().app.get("/conflict", () => {
      throw new AppError("conflict", "max_claimed", "Reward has already been claimed");
    });
    const body = await problem(await app.handle(get("/conflict")));
    expect(body).toMatchObject({
      status: 409,
      title: "Conflict",
      detail: "Reward has already been claimed",
    });
  });
});

describe("createServiceApp under NODE_ENV=production", () => {
  test("still names the offending field in a 422", async () => {
    const script = `
      import { t } from "elysia";
      import { createServiceApp } from "./src/http/app";
      import { createLogger } from "./src/logger";
      const app = createServiceApp({
        service: "prod", version: "1", logger: createLogger({ service: "prod", write: () => {} }),
        readiness: async () => ({}),
      }).post("/q", ({ body }) => body, { body: t.Object({ qty: t.Integer({ minimum: 1 }) }) });
      const response = await app.handle(new Request("http://localhost/q", {
        method: "POST", headers: { "content-type": "application/json" }, body: '{"qty":0}' }));
      console.log(JSON.stringify({ status: response.status, body: await response.json() }));`;
    const child = Bun.spawnSync(["bun", "-e", script], {
      cwd: `${import.meta.dirname}/../..`,
      env: { ...process.env, NODE_ENV: "production" },
    });
    const result = JSON.parse(child.stdout.toString());
    expect(result).toMatchObject({
      status: 422,
      body: { code: "validation_failed", field: "qty" },
    });
    expect(result.body.detail).toContain("greater or equal to 1");
  });
});
