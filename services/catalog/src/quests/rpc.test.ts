import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { rpcProtocols } from "@questline/kit/testing/rpc-protocols";
import {
  QuestCatalogService,
  type WatchQuestsResponse,
} from "@questline/proto/catalog/v1/catalog_pb";
import { TenantService } from "@questline/proto/tenancy/v1/tenancy_pb";
import { questBody, startTestCatalog, type TestCatalog } from "../testing/harness";

let catalog: TestCatalog;
let urls: { httpUrl: string; grpcUrl: string };
let admin: string;
let player: string;

beforeAll(async () => {
  catalog = await startTestCatalog("sqlite", { env: { WATCH_POLL_MS: "200" } });
  urls = await catalog.listen();
  admin = await catalog.token(["player", "admin"]);
  player = await catalog.token(["player"]);
});
afterAll(() => catalog.close());

const protocols = rpcProtocols(() => urls);

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function createQuest(overrides: Record<string, unknown> = {}) {
  const response = await catalog.call("POST", "/api/v1/quest", {
    token: admin,
    body: questBody(overrides),
  });
  expect(response.status).toBe(201);
  return response.body as { id: number; name: string };
}

/** Reads a stream in the background, so a test can act and then wait for what arrives. */
function collect(stream: AsyncIterable<WatchQuestsResponse>) {
  const received: WatchQuestsResponse[] = [];
  const waiters: (() => void)[] = [];
  const done = (async () => {
    for await (const message of stream) {
      received.push(message);
      for (const wake of waiters.splice(0)) wake();
    }
  })().catch(() => undefined);
  const until = async (predicate: (messages: WatchQuestsResponse[]) => boolean) => {
    while (!predicate(received)) await new Promise<void>((resolve) => waiters.push(resolve));
    return received;
  };
  return { received, until, done };
}

const changedNames = (messages: WatchQuestsResponse[]) =>
  messages.flatMap((message) =>
    message.event.case === "changed" ? [message.event.value.name] : [],
  );

// GetQuest and ListQuests: the read suite (`reads.test.ts`), shared with the edge.
describe.each(protocols)("WatchQuests over %s", (_protocol, transport) => {
  test("WatchQuests sends a snapshot, then a change made through REST", async () => {
    const abort = new AbortController();
    const client = createClient(QuestCatalogService, transport());
    const stream = collect(client.watchQuests({}, { ...bearer(player), signal: abort.signal }));
    const [first] = await stream.until((messages) => messages.length >= 1);
    expect(first?.event.case).toBe("snapshot");

    const quest = await createQuest();
    await catalog.call("POST", `/api/v1/quest/${quest.id}/publish`, { token: admin });
    const messages = await stream.until((received) => changedNames(received).includes(quest.name));
    // The draft was never visible to a player: only its publication reaches them.
    expect(changedNames(messages).filter((name) => name === quest.name)).toHaveLength(1);
    abort.abort();
    await stream.done;
  });
});

describe("WatchQuests across replicas", () => {
  test("a change written by another catalog instance on the same store reaches the watcher", async () => {
    const other = await startTestCatalog("sqlite", {
      env: { WATCH_POLL_MS: "200" },
      store: catalog.store,
      issuer: catalog.issuer,
    });
    try {
      const abort = new AbortController();
      const client = createClient(
        QuestCatalogService,
        createGrpcTransport({ baseUrl: urls.grpcUrl }),
      );
      const stream = collect(client.watchQuests({}, { ...bearer(admin), signal: abort.signal }));
      await stream.until((messages) => messages.length >= 1);
      const created = await other.call("POST", "/api/v1/quest", {
        token: admin,
        body: questBody(),
      });
      expect(created.status).toBe(201);
      await stream.until((received) => changedNames(received).includes(created.body.name));
      abort.abort();
      await stream.done;
    } finally {
      await other.close();
    }
  });
});

describe("TenantService on the catalog", () => {
  test("a service token provisions a tenant once; players cannot", async () => {
    const client = createClient(TenantService, createGrpcTransport({ baseUrl: urls.grpcUrl }));
    const service = await catalog.token(["service"], "default", "service:auth");
    const tenantId = `t-${crypto.randomUUID().slice(0, 8)}`;
    expect(await catalog.service.storage.hasTenant(tenantId)).toBe(false);
    expect((await client.createTenant({ tenantId }, bearer(service))).created).toBe(true);
    expect((await client.createTenant({ tenantId }, bearer(service))).created).toBe(false);
    expect(await catalog.service.storage.hasTenant(tenantId)).toBe(true);

    const refused = await client
      .createTenant({ tenantId: "by-a-player" }, bearer(player))
      .catch((error: unknown) => ConnectError.from(error));
    expect(refused).toMatchObject({ code: Code.PermissionDenied });
    expect(await catalog.service.storage.hasTenant("by-a-player")).toBe(false);
  });
});
