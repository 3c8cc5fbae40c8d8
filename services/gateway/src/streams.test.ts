/**
 * Issue 14 H1, as it was found: `WatchQuests` streams opened through the gateway over raw HTTP/1.1
 * (`application/connect+json`, an empty request envelope). Before, ~256 of them from one token
 * made every other request through the gateway wait for its deadline (504) while the catalog
 * itself answered at once: they held every slot of Bun's fetch pool. Now streams have a pool of
 * their own, and limits per user, per address and in all refuse one more at once (429).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestCatalog, type TestCatalog } from "@questline/catalog/testing";
import { type RawExchange, rawExchange } from "@questline/kit/testing/raw-http";
import { startTestGateway, type TestGateway } from "./testing/harness";

const WATCH = "/questline.catalog.v1.QuestCatalogService/WatchQuests";
const EMPTY_ENVELOPE = "\x00\x00\x00\x00\x02{}";
const UNLIMITED_RATE = {
  RATE_LIMIT_USER_PER_SECOND: "100000",
  RATE_LIMIT_USER_BURST: "100000",
  RATE_LIMIT_ADDRESS_PER_SECOND: "100000",
  RATE_LIMIT_ADDRESS_BURST: "100000",
};

let catalog: TestCatalog;
let catalogUrl: string;

beforeAll(async () => {
  // The catalog's own stream limits are its test's business: here they let everything through.
  catalog = await startTestCatalog("sqlite", {
    env: { STREAM_LIMIT_PER_USER: "100000", STREAM_LIMIT_PER_ADDRESS: "100000" },
  });
  catalogUrl = (await catalog.listen()).httpUrl;
});
afterAll(() => catalog.close());

/** Opens one stream the way the issue did; its answer's head arrives when the gateway answers. */
function watch(gatewayUrl: string, token: string): RawExchange {
  return rawExchange(
    gatewayUrl,
    [
      `POST ${WATCH} HTTP/1.1`,
      "host: gateway.test",
      "content-type: application/connect+json",
      "connect-protocol-version: 1",
      `authorization: Bearer ${token}`,
      `content-length: ${EMPTY_ENVELOPE.length}`,
    ].join("\r\n"),
    EMPTY_ENVELOPE,
  );
}

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<"timeout">((resolve) => setTimeout(resolve, ms, "timeout"))]);

async function startGateway(env: Record<string, string>) {
  return startTestGateway(
    { CATALOG_URL: catalogUrl, AUTH_URL: catalogUrl, PROCESSING_URL: catalogUrl, ...env },
    { verifier: catalog.verifier },
  );
}

describe("300 open streams from one token", () => {
  let gateway: TestGateway;
  const streams: RawExchange[] = [];

  beforeAll(async () => {
    gateway = await startGateway({
      ...UNLIMITED_RATE,
      STREAM_LIMIT_PER_USER: "1000",
      STREAM_LIMIT_PER_ADDRESS: "1000",
      UPSTREAM_TIMEOUT_MS: "3000",
    });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await gateway.close();
  });

  test("leave every other request its answer: nothing waits for the deadline", async () => {
    const attacker = await catalog.token(["player"]);
    for (let stream = 0; stream < 300; stream++) streams.push(watch(gateway.url, attacker));
    const heads = await within(20_000, Promise.all(streams.map((stream) => stream.head())));
    expect(heads === "timeout" ? "timeout" : heads.map((head) => head.status)).toEqual(
      Array(300).fill(200),
    );

    const player = await catalog.token(["player"]);
    const answer = await fetch(`${gateway.url}/api/v1/quest`, {
      headers: { authorization: `Bearer ${player}` },
    });
    // A request queued behind the streams would have come back 504 after the 3 s deadline.
    expect(answer.status).toBe(200);
  }, 60_000);
});

describe("stream limits at the gateway", () => {
  const opened: { gateway: TestGateway; streams: RawExchange[] }[] = [];

  /** A gateway of its own for each test: counts never leak from one test to the next. */
  async function limitedGateway() {
    const gateway = await startGateway({
      ...UNLIMITED_RATE,
      STREAM_LIMIT_PER_USER: "3",
      STREAM_LIMIT_PER_ADDRESS: "5",
    });
    const streams: RawExchange[] = [];
    opened.push({ gateway, streams });
    const open = async (token: string) => {
      const stream = watch(gateway.url, token);
      streams.push(stream);
      return { stream, head: await stream.head() };
    };
    return { gateway, open };
  }
  afterAll(async () => {
    for (const { gateway, streams } of opened) {
      for (const stream of streams) stream.close();
      await gateway.close();
    }
  });

  test("a user's stream past the limit is 429 at once, with Retry-After; a closed one frees a slot", async () => {
    const { gateway, open } = await limitedGateway();
    const token = await catalog.token(["player"]);
    const first = [await open(token), await open(token), await open(token)];
    expect(first.map(({ head }) => head.status)).toEqual([200, 200, 200]);
    const refused = (await open(token)).head;
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused.headers["content-type"]).toBe("application/problem+json");
    expect(refused.body).toContain("too_many_streams");
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_open_streams 3/);
    expect(metrics).toMatch(/gateway_streams_refused_total\{scope="principal"\} 1/);

    first[0]?.stream.close();
    let reopened = 0;
    for (let attempt = 0; attempt < 50 && reopened !== 200; attempt++) {
      reopened = (await open(token)).head.status;
      if (reopened !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(reopened).toBe(200);
  });

  test("an address past its limit is refused whoever the users are", async () => {
    const { open } = await limitedGateway();
    const statuses: number[] = [];
    for (let user = 0; user < 6; user++) {
      statuses.push((await open(await catalog.token(["player"]))).head.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
