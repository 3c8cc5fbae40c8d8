import { describe, expect, test } from "bun:test";
import { Elysia, t } from "elysia";
import { createLogger } from "../logger";
import { createServiceApp } from "./app";
import { jsonBody } from "./body-parser";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-body";
import { decimal, INT32_MAX, integer } from "./numbers";
import { strictObject } from "./strict-object";

const MAX_BODY_BYTES = 64 * 1024;

function setup() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: "test", write: (line) => lines.push(JSON.parse(line)) });
  const body = strictObject({
    name: t.String({ maxLength: 100 }),
    target: t.Optional(integer({ minimum: 1, maximum: INT32_MAX })),
    rewards: t.Optional(
      t.Array(strictObject({ item: t.String(), qty: integer({ minimum: 1, maximum: 1000 }) })),
    ),
  });
  const routes = new Elysia()
    .post("/quests", ({ body }) => body, { body, parse: jsonBody })
    .post("/bodyless", () => ({ ok: true }))
    .get("/quests/:id", ({ params }) => ({ id: params.id }), {
      params: t.Object({ id: decimal("id", { minimum: 1, maximum: 1000 }) }),
    });
  const app = createServiceApp({
    service: "test",
    version: "1",
    logger,
    readiness: async () => ({}),
    maxBodyBytes: MAX_BODY_BYTES,
  }).use(routes);
  app.post("/raw", async ({ request }) => ({ raw: await request.text() }), { parse: "none" });
  return { app, lines };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

async function answer(app: ReturnType<typeof setup>["app"], request: Request) {
  const response = await app.handle(request);
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: text ? JSON.parse(text) : undefined,
  };
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("JSON bodies: depth", () => {
  test("an array nested 5,000 deep in a string field is a 422 json_too_deep, not a 500", async () => {
    const { app, lines } = setup();
    const result = await answer(app, post("/quests", `{"name":${nested(5000)}}`));
    expect([result.status, result.body.code, result.type]).toEqual([
      422,
      "json_too_deep",
      "application/problem+json",
    ]);
    expect(result.body.detail).toContain(String(MAX_JSON_DEPTH));
    expect(lines.some((line) => line.level === "error")).toBe(false);
  });

  test("the deepest body allowed still reaches validation (a 422 naming the field)", async () => {
    const { app } = setup();
    const result = await answer(app, post("/quests", `{"name":${nested(MAX_JSON_DEPTH - 1)}}`));
    expect([result.status, result.body.code, result.body.field]).toEqual([
      422,
      "validation_failed",
      "name",
    ]);
  });

  test("brackets inside strings are not nesting", () => {
    expect(nestsDeeperThan(`{"name":"${"[".repeat(100)}\\"[["}`, 2)).toBe(false);
    expect(nestsDeeperThan(`[[[1]]]`, 2)).toBe(true);
  });
});

describe("JSON bodies: keys that reach prototypes", () => {
  for (const [label, text, field] of [
    ["a top-level __proto__", `{"name":"a","__proto__":{"admin":true}}`, "__proto__"],
    ["a nested constructor", `{"name":"a","rewards":[{"constructor":1}]}`, "rewards/0/constructor"],
    ["an escaped __proto__", `{"name":"a","\\u005f_proto__":{}}`, "__proto__"],
    ["a prototype key", `{"name":"a","prototype":{}}`, "prototype"],
  ] as const) {
    test(`${label} is a 422 forbidden_key naming it`, async () => {
      const { app } = setup();
      const result = await answer(app, post("/quests", text));
      expect([result.status, result.body.code, result.body.field]).toEqual([
        422,
        "forbidden_key",
        field,
      ]);
    });
  }
});

describe("JSON bodies: no U+0000 (no database keeps it)", () => {
  for (const [label, text, field] of [
    ["in a value", `{"name":"a\\u0000b"}`, "name"],
    ["deep in an array", `{"name":"a","rewards":[{"item":"\\u0000","qty":1}]}`, "rewards/0/item"],
  ] as const) {
    test(`${label} is a 422 nul_character naming the field`, async () => {
      const { app } = setup();
      const result = await answer(app, post("/quests", text));
      expect([result.status, result.body.code, result.body.field]).toEqual([
        422,
        "nul_character",
        field,
      ]);
    });
  }
});

describe("JSON bodies: numbers are JSON numbers in range", () => {
  for (const target of [`"0x10"`, `"1e3"`, `"16"`, "9007199254740993", "2147483648", "1e308"]) {
    test(`target ${target} is a 422 naming target`, async () => {
      const { app } = setup();
      const result = await answer(app, post("/quests", `{"name":"a","target":${target}}`));
      expect([result.status, result.body.code, result.body.field]).toEqual([
        422,
        "validation_failed",
        "target",
      ]);
    });
  }

  test("a JSON number in range passes as it is", async () => {
    const { app } = setup();
    const result = await answer(app, post("/quests", `{"name":"a","target":1e3}`));
    expect([result.status, result.body]).toEqual([200, { name: "a", target: 1000 }]);
  });

  for (const id of ["0x1", "01", "1e0", "%201", "-1", "1001"]) {
    test(`the path id ${id} is a 422 naming id, never quest 1`, async () => {
      const { app } = setup();
      const result = await answer(app, new Request(`http://localhost/quests/${id}`));
      expect([result.status, result.body.code, result.body.field]).toEqual([
        422,
        expect.any(String),
        "id",
      ]);
    });
  }

  test("a canonical decimal id reaches the handler as a number", async () => {
    const { app } = setup();
    expect((await answer(app, new Request("http://localhost/quests/12"))).body).toEqual({ id: 12 });
  });
});

describe("JSON bodies: size and media type", () => {
  test("a declared length over the limit is a 413 before the body is read", async () => {
    const { app } = setup();
    const result = await answer(
      app,
      post("/quests", "x".repeat(MAX_BODY_BYTES + 1), {
        "content-length": String(MAX_BODY_BYTES + 1),
      }),
    );
    expect([result.status, result.body.code]).toEqual([413, "body_too_large"]);
  });

  test("a streamed body without a length is cut at the limit with a 413", async () => {
    const { app } = setup();
    const chunk = new TextEncoder().encode(`{"name":"${"x".repeat(1000)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const result = await answer(app, post("/quests", body));
    expect([result.status, result.body.code]).toEqual([413, "body_too_large"]);
    expect(sent).toBeLessThan(100);
  });

  test("a body that is not JSON is a 415", async () => {
    const { app } = setup();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const result = await answer(app, post("/quests", "name=a", { "content-type": type }));
      expect([result.status, result.body.code]).toEqual([415, "unsupported_media_type"]);
    }
  });

  test("a POST without a body needs no content type", async () => {
    const { app } = setup();
    const result = await answer(app, new Request("http://localhost/bodyless", { method: "POST" }));
    expect([result.status, result.body]).toEqual([200, { ok: true }]);
  });

  test("a route that reads the raw request (RPC, a proxy) gets it untouched", async () => {
    const { app } = setup();
    const result = await answer(app, post("/raw", nested(100), { "content-type": "text/plain" }));
    expect(result.body).toEqual({ raw: nested(100) });
  });
});
