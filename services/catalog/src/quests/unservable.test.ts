/**
 * A stored quest that breaks the rules (here: a reward qty past the proto's int32, written straight
 * into the database as an older release or a hand-made row could) must not stop the feed for the
 * tenant: before, `WatchQuests` failed with "cannot encode field ... invalid int32" for every
 * watcher. Now it is skipped for watchers, RPC readers and players, counted, and shown to admins.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { ERROR_CODE_HEADER } from "@questline/kit/rpc/errors";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { questBody, startTestCatalog, storeQuestAsIs, type TestCatalog } from "../testing/harness";

describeEach("an unservable stored quest on %s", await testDialects(), (dialect) => {
  let catalog: TestCatalog;
  let grpcUrl: string;
  let admin: string;
  let player: string;
  let badId: number;
  const good = `good-${crypto.randomUUID().slice(0, 8)}`;
  const bad = `bad-${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    catalog = await startTestCatalog(dialect, { env: { METRICS_TOKEN: "scrape" } });
    ({ grpcUrl } = await catalog.listen());
    admin = await catalog.token(["player", "admin"]);
    player = await catalog.token(["player"]);
    const created = await catalog.call("POST", "/api/v1/quest", {
      token: admin,
      body: questBody({ name: good, status: "published" }),
    });
    expect(created.status).toBe(201);
    badId = await storeQuestAsIs(await catalog.service.storage.tenant("default"), {
      name: bad,
      trigger: "signin",
      target: 3,
      rewards: [{ item: "gold", qty: 2 ** 33 }],
    });
  });
  afterAll(() => catalog.close());

  const client = () => createClient(QuestCatalogService, createGrpcTransport({ baseUrl: grpcUrl }));
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const unservableGauge = async () => {
    const response = await catalog.service.app.handle(
      new Request("http://x/metrics", { headers: { authorization: "Bearer scrape" } }),
    );
    return /catalog_unservable_quests\{tenant="default"\} (\d+)/.exec(await response.text())?.[1];
  };

  test("WatchQuests still sends its snapshot, without the unservable quest", async () => {
    const abort = new AbortController();
    const stream = client().watchQuests({}, { ...bearer(admin), signal: abort.signal });
    for await (const message of stream) {
      expect(message.event.case).toBe("snapshot");
      const names = message.event.case === "snapshot" ? message.event.value.quests : [];
      expect(names.map((quest) => quest.name)).toContain(good);
      expect(names.map((quest) => quest.name)).not.toContain(bad);
      break;
    }
    abort.abort();
  });

  test("ListQuests leaves it out; GetQuest says why it cannot answer", async () => {
    const list = await client().listQuests({}, bearer(admin));
    expect(list.quests.map((quest) => quest.name)).toEqual(expect.arrayContaining([good]));
    expect(list.quests.map((quest) => quest.name)).not.toContain(bad);
    const error = await client()
      .getQuest({ key: { case: "name", value: bad } }, bearer(admin))
      .then(() => undefined, ConnectError.from);
    expect([error?.code, error?.metadata.get(ERROR_CODE_HEADER)]).toEqual([
      Code.FailedPrecondition,
      "quest_unservable",
    ]);
    expect(await unservableGauge()).toBe("1");
  });

  test("players never meet it over REST", async () => {
    const list = await catalog.call("GET", "/api/v1/quest", { token: player });
    expect(list.body.map((quest: { name: string }) => quest.name)).not.toContain(bad);
    expect((await catalog.call("GET", `/api/v1/quest/${bad}`, { token: player })).status).toBe(404);
    expect(
      (await catalog.call("GET", `/api/v1/quest/get/${badId}`, { token: player })).status,
    ).toBe(404);
  });

  test("admins see it over REST with its problems, and can fix it", async () => {
    const one = await catalog.call("GET", `/api/v1/quest/${badId}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.body.problems).toEqual([expect.stringContaining("rewards/0/qty")]);
    const list = await catalog.call("GET", "/api/v1/quest", { token: admin });
    const listed = list.body.find((quest: { name: string }) => quest.name === bad);
    expect(listed.problems).toEqual(one.body.problems);

    const fixed = await catalog.call("PUT", `/api/v1/quest/${badId}`, {
      token: admin,
      body: { rewards: [{ item: "gold", qty: 1000 }] },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.problems).toBeUndefined();
    const got = await client().getQuest({ key: { case: "name", value: bad } }, bearer(player));
    expect(got.quest?.rewards).toEqual([expect.objectContaining({ item: "gold", qty: 1000 })]);
    await client().listQuests({}, bearer(admin));
    expect(await unservableGauge()).toBe("0");
  });
});
