import { describe, expect, test } from "bun:test";
import { jsonClient } from "./json-client";

/** Answers with what it received, so the test sees the request the client made. */
async function echo(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/empty") return new Response(null, { status: 204 });
  if (url.pathname === "/text") return new Response("plain words", { status: 503 });
  return Response.json(
    {
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    },
    { status: 201, headers: { "x-answer": "yes" } },
  );
}

describe("jsonClient", () => {
  const call = jsonClient(echo, "http://service.test");

  test("sends JSON with the token, tenant and idempotency key as headers; reads JSON back", async () => {
    const answer = await call("POST", "/api/v1/things?x=1", {
      body: { name: "ada" },
      token: "t0k3n",
      tenant: "acme",
      idempotencyKey: "once",
      headers: { "x-request-id": "r-1" },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-answer")).toBe("yes");
    expect(answer.body).toEqual({
      method: "POST",
      path: "/api/v1/things?x=1",
      headers: expect.objectContaining({
        authorization: "Bearer t0k3n",
        "x-tenant-id": "acme",
        "idempotency-key": "once",
        "x-request-id": "r-1",
        "content-type": "application/json",
      }),
      body: '{"name":"ada"}',
    });
  });

  test("a string body is sent as written, and nothing is sent unasked", async () => {
    const raw = await call("PUT", "/raw", { body: "{not json" });
    expect(raw.body.body).toBe("{not json");
    const bare = await call("GET", "/bare");
    expect(bare.body.body).toBe("");
    expect(Object.keys(bare.body.headers)).not.toContain("content-type");
    expect(Object.keys(bare.body.headers)).not.toContain("authorization");
  });

  test("an empty answer is undefined, a text answer is its text", async () => {
    expect((await call("DELETE", "/empty")).body).toBeUndefined();
    const text = await call("GET", "/text");
    expect([text.status, text.body]).toEqual([503, "plain words"]);
  });

  test("works the same over a real server through fetch", async () => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: echo });
    try {
      const overHttp = jsonClient(fetch, `http://127.0.0.1:${server.port}`);
      const answer = await overHttp("POST", "/over-http", { body: [1, 2] });
      expect([answer.status, answer.body.body]).toEqual([201, "[1,2]"]);
    } finally {
      await server.stop(true);
    }
  });
});
