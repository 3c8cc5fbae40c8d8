/**
 * The token source against a real HTTP endpoint speaking auth's client-credentials contract
 * (the auth service's own suite and processing's wallet test run it against auth itself).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createServiceTokenSource } from "./service-token";
import { appErrorOf } from "./testing/app-error";

let issued = 0;
let lifetimeSeconds = 300;
let server: ReturnType<typeof Bun.serve>;
let authUrl: string;

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const body = (await request.json()) as Record<string, string>;
      const known = body.client_id === "processing" && body.client_secret === "s3cret";
      if (new URL(request.url).pathname !== "/api/v1/auth/token" || !known) {
        return Response.json({ code: "invalid_client" }, { status: 401 });
      }
      issued++;
      return Response.json({
        access_token: `token-${issued}`,
        token_type: "Bearer",
        expires_in: lifetimeSeconds,
      });
    },
  });
  authUrl = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop(true));

test("one token serves every caller until shortly before it expires", async () => {
  lifetimeSeconds = 300;
  const source = createServiceTokenSource({
    authUrl,
    clientId: "processing",
    clientSecret: "s3cret",
  });
  const before = issued;
  const tokens = await Promise.all(Array.from({ length: 20 }, () => source.token()));
  expect(new Set(tokens).size).toBe(1);
  expect(await source.token()).toBe(tokens[0] ?? "");
  expect(issued - before).toBe(1);
});

test("a token past its renewal point is replaced", async () => {
  lifetimeSeconds = 1;
  const source = createServiceTokenSource({
    authUrl,
    clientId: "processing",
    clientSecret: "s3cret",
  });
  const first = await source.token();
  await Bun.sleep(600);
  expect(await source.token()).not.toBe(first);
});

test("refused credentials and an unreachable auth are 503 problems with their codes", async () => {
  const refused = createServiceTokenSource({
    authUrl,
    clientId: "processing",
    clientSecret: "wrong",
  });
  const unreachable = createServiceTokenSource({
    authUrl: "http://127.0.0.1:9",
    clientId: "processing",
    clientSecret: "s3cret",
  });
  for (const [source, code] of [
    [refused, "service_token_refused"],
    [unreachable, "auth_unreachable"],
  ] as const) {
    const error = await appErrorOf(source.token());
    expect([error.status, error.code]).toEqual([503, code]);
  }
});
