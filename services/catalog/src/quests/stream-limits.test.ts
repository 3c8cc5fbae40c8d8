/**
 * The catalog's own stream limits (issue 14 H1 at the service): per user and per client address,
 * the address being the one the gateway forwards (`TRUSTED_PROXY_HEADER`), since every player's
 * stream reaches the catalog from the gateway's address.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { startTestCatalog, type TestCatalog } from "../testing/harness";

let catalog: TestCatalog;
let httpUrl: string;
const opened: AbortController[] = [];

beforeAll(async () => {
  catalog = await startTestCatalog("sqlite", {
    env: {
      STREAM_LIMIT_PER_USER: "2",
      STREAM_LIMIT_PER_ADDRESS: "3",
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
    },
  });
  ({ httpUrl } = await catalog.listen());
});
afterAll(async () => {
  for (const abort of opened) abort.abort();
  await catalog.close();
});

/** Opens a WatchQuests as `token` for the client `forwardedFor`; its outcome once it answers. */
async function watch(token: string, forwardedFor: string): Promise<string> {
  const abort = new AbortController();
  opened.push(abort);
  const client = createClient(QuestCatalogService, createConnectTransport({ baseUrl: httpUrl }));
  const stream = client.watchQuests(
    {},
    {
      headers: { authorization: `Bearer ${token}`, "x-forwarded-for": forwardedFor },
      signal: abort.signal,
    },
  );
  try {
    await stream[Symbol.asyncIterator]().next();
    return "open";
  } catch (error) {
    return Code[ConnectError.from(error).code];
  }
}

test("a user past their limit is refused at once, whatever address they come from", async () => {
  const token = await catalog.token(["player"]);
  const outcomes = [
    await watch(token, "198.51.100.1"),
    await watch(token, "198.51.100.2"),
    await watch(token, "198.51.100.3"),
  ];
  expect(outcomes).toEqual(["open", "open", "ResourceExhausted"]);
});

test("addresses are the clients the gateway forwards, each with its own limit", async () => {
  const outcomes: string[] = [];
  for (let user = 0; user < 4; user++) {
    outcomes.push(await watch(await catalog.token(["player"]), "203.0.113.7"));
  }
  outcomes.push(await watch(await catalog.token(["player"]), "203.0.113.8"));
  expect(outcomes).toEqual(["open", "open", "open", "ResourceExhausted", "open"]);
});
