/**
 * The gateway's limits against real upstream servers it forwards to: body size, deadlines, an
 * upstream that is down, and rate limits per user and per address (in process and in Redis).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { redisUrl } from "@questline/kit/testing/env";
import { closedPortUrl } from "@questline/kit/testing/ports";
import { redisMissing } from "@questline/kit/testing/redis";
import { createTestIssuer, type TestIssuer } from "@questline/kit/testing/token-issuer";
import { describeNeeding } from "@questline/kit/testing/variants";
import { createTokenVerifier, type TokenVerifier } from "@questline/kit/tokens";
import { startTestGateway, startUpstream, type TestGateway } from "./testing/harness";

interface Seen {
  headers: Headers;
  bytes: number;
}

let seen: Seen[] = [];
const echo = startUpstream(async (request) => {
  const bytes = (await request.arrayBuffer()).byteLength;
  seen.push({ headers: request.headers, bytes });
  return Response.json({ bytes });
});
const hanging = startUpstream(() => new Promise<Response>(() => {}));
let issuer: TestIssuer;
let verifier: TokenVerifier;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer();
  verifier = createTokenVerifier({ ...issuer, jwks: issuer.jwks });
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  echo.stop();
  hanging.stop();
});

/** The time of the gateways' in-process buckets: it moves only when a test moves it. */
const clock = { now: Date.parse("2030-01-01T00:00:00Z") };

async function gatewayWith(env: Record<string, string>) {
  const gateway = await startTestGateway(
    { AUTH_URL: echo.url, CATALOG_URL: echo.url, PROCESSING_URL: echo.url, ...env },
    { verifier, clock: () => clock.now },
  );
  gateways.push(gateway);
  return gateway;
}

const chunkedBody = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size));
      controller.close();
    },
  });

const post = (gateway: TestGateway, init: RequestInit & { duplex?: "half" }) =>
  fetch(`${gateway.url}/api/v1/track/actions`, { method: "POST", ...init });

describe("body size", () => {
  test("a declared length over the limit is refused with 413 before the upstream sees it", async () => {
    const gateway = await gatewayWith({ MAX_BODY_BYTES: "1024" });
    seen = [];
    const response = await post(gateway, { body: "x".repeat(2048) });
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe("body_too_large");
    expect(seen).toEqual([]);
  });

  test("a chunked body without content-length is cut at the limit with 413", async () => {
    const gateway = await gatewayWith({ MAX_BODY_BYTES: "1024" });
    const response = await post(gateway, { body: chunkedBody(3, 600), duplex: "half" });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  test("a chunked body within the limit streams through whole", async () => {
    const gateway = await gatewayWith({ MAX_BODY_BYTES: "4096" });
    seen = [];
    const response = await post(gateway, { body: chunkedBody(3, 1000), duplex: "half" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: 3000 });
  });
});

describe("upstreams that fail", () => {
  test("an upstream that does not answer in time is a 504", async () => {
    const gateway = await gatewayWith({ PROCESSING_URL: hanging.url, UPSTREAM_TIMEOUT_MS: "200" });
    const response = await post(gateway, { body: "{}" });
    expect(response.status).toBe(504);
    expect((await response.json()).code).toBe("upstream_timeout");
  });

  test("an upstream that is down is a 503 at once, not a wait for the deadline", async () => {
    // The deadline is far beyond the test's own timeout: only a prompt answer passes.
    const gateway = await gatewayWith({
      PROCESSING_URL: await closedPortUrl(),
      UPSTREAM_TIMEOUT_MS: "200000",
    });
    const response = await post(gateway, { body: "{}" });
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe("upstream_unavailable");
  });

  test("/ready is 503 and names the service that is down", async () => {
    const gateway = await gatewayWith({ CATALOG_URL: await closedPortUrl() });
    const response = await fetch(`${gateway.url}/ready`);
    expect(response.status).toBe(503);
    expect((await response.json()).checks).toEqual({
      auth: "ok",
      catalog: "unreachable",
      processing: "ok",
    });
  });
});

describe("server streams", () => {
  test("a stream quiet for longer than Bun's 10 s idle timeout stays open to the end", async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const quiet = startUpstream(
      () =>
        new Response(
          new ReadableStream({
            async start(controller) {
              controller.enqueue(encode("snapshot\n"));
              await Bun.sleep(11_000);
              controller.enqueue(encode("changed\n"));
              controller.close();
            },
          }),
        ),
    );
    try {
      const gateway = await gatewayWith({ CATALOG_URL: quiet.url, UPSTREAM_TIMEOUT_MS: "1000" });
      const response = await fetch(
        `${gateway.url}/questline.catalog.v1.QuestCatalogService/WatchQuests`,
        { method: "POST", body: "{}" },
      );
      expect(await response.text()).toBe("snapshot\nchanged\n");
    } finally {
      quiet.stop();
    }
  }, 30_000);
});

describe("forwarded headers", () => {
  test("the upstream gets the request id, the client's address and the caller's token", async () => {
    const gateway = await gatewayWith({});
    seen = [];
    await post(gateway, {
      body: "{}",
      headers: {
        "x-request-id": "req-42",
        "x-forwarded-for": "6.6.6.6",
        authorization: "Bearer x",
      },
    });
    const headers = seen[0]?.headers;
    expect(headers?.get("x-request-id")).toBe("req-42");
    expect(headers?.get("x-forwarded-for")?.split(",").at(-1)?.trim()).toBe("127.0.0.1");
    expect(headers?.get("authorization")).toBe("Bearer x");
  });
});

const limits = {
  RATE_LIMIT_USER_PER_SECOND: "1",
  RATE_LIMIT_USER_BURST: "2",
  RATE_LIMIT_ADDRESS_PER_SECOND: "1",
  RATE_LIMIT_ADDRESS_BURST: "3",
};

async function statuses(gateway: TestGateway, count: number, headers: Record<string, string> = {}) {
  const answers: Response[] = [];
  for (let i = 0; i < count; i++) {
    answers.push(await fetch(`${gateway.url}/api/v1/quest`, { headers }));
  }
  return answers;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("rate limits", () => {
  test("a user past their burst gets 429 with Retry-After; another user is not affected", async () => {
    const gateway = await gatewayWith(limits);
    const alice = await issuer.sign({ sub: "alice", tid: "default", roles: ["player"] });
    const answers = await statuses(gateway, 3, bearer(alice));
    expect(answers.map((one) => one.status)).toEqual([200, 200, 429]);
    const refused = answers[2] ?? Response.error();
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).code).toBe("rate_limited");
    const bob = await issuer.sign({ sub: "bob", tid: "default", roles: ["player"] });
    expect((await statuses(gateway, 1, bearer(bob)))[0]?.status).toBe(200);
    // One token a second comes back: a second later alice passes once more, and only once.
    clock.now += 1000;
    const later = await statuses(gateway, 2, bearer(alice));
    expect(later.map((one) => one.status)).toEqual([200, 429]);
  });

  test("the same user id in another tenant is another user", async () => {
    const gateway = await gatewayWith(limits);
    const here = await issuer.sign({ sub: "carol", tid: "default", roles: ["player"] });
    const there = await issuer.sign({ sub: "carol", tid: "other-app", roles: ["player"] });
    await statuses(gateway, 2, bearer(here));
    expect((await statuses(gateway, 1, bearer(there)))[0]?.status).toBe(200);
  });

  test("a token that does not verify is limited per address and still forwarded", async () => {
    const gateway = await gatewayWith(limits);
    const stranger = await createTestIssuer();
    const forged = await stranger.sign({ sub: "alice", tid: "default", roles: ["admin"] });
    seen = [];
    const answers = await statuses(gateway, 4, bearer(forged));
    expect(answers.map((one) => one.status)).toEqual([200, 200, 200, 429]);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${forged}`);
  });

  test("anonymous requests are limited per address; a forwarded-for header is not believed", async () => {
    const gateway = await gatewayWith(limits);
    const answers = [];
    for (const client of ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]) {
      answers.push((await statuses(gateway, 1, { "x-forwarded-for": client }))[0]?.status);
    }
    expect(answers).toEqual([200, 200, 200, 429]);
  });

  test("behind a trusted proxy each client address has its own bucket", async () => {
    const gateway = await gatewayWith({ ...limits, TRUSTED_PROXY_HEADER: "x-forwarded-for" });
    await statuses(gateway, 3, { "x-forwarded-for": "1.1.1.1" });
    expect((await statuses(gateway, 1, { "x-forwarded-for": "1.1.1.1" }))[0]?.status).toBe(429);
    expect((await statuses(gateway, 1, { "x-forwarded-for": "2.2.2.2" }))[0]?.status).toBe(200);
  });

  test("the header of a peer outside TRUSTED_PROXIES is ignored", async () => {
    const gateway = await gatewayWith({
      ...limits,
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
      TRUSTED_PROXIES: "10.0.0.0/8",
    });
    await statuses(gateway, 3, { "x-forwarded-for": "1.1.1.1" });
    expect((await statuses(gateway, 1, { "x-forwarded-for": "2.2.2.2" }))[0]?.status).toBe(429);
  });

  test("with Redis away the gateway still answers, limiting in process", async () => {
    const gateway = await gatewayWith({
      ...limits,
      REDIS_URL: await closedPortUrl("redis"),
    });
    const answers = await statuses(gateway, 4);
    expect(answers.map((one) => one.status)).toEqual([200, 200, 200, 429]);
  });
});

describeNeeding("rate limits in Redis", await redisMissing(), () => {
  test("two gateway replicas share a user's bucket", async () => {
    const shared = {
      ...limits,
      REDIS_URL: redisUrl(),
      CACHE_PREFIX: `test-${crypto.randomUUID()}`,
    };
    const [one, two] = [await gatewayWith(shared), await gatewayWith(shared)];
    const dave = await issuer.sign({ sub: "dave", tid: "default", roles: ["player"] });
    expect((await statuses(one, 2, bearer(dave))).map((answer) => answer.status)).toEqual([
      200, 200,
    ]);
    expect((await statuses(two, 1, bearer(dave)))[0]?.status).toBe(429);
  });
});
