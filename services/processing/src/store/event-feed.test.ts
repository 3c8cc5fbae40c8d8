import { afterAll, beforeAll, expect, test } from "bun:test";
import { createLogger } from "@questline/kit/logger";
import type { ServiceStorage, TenantDb } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore, testDialects } from "@questline/kit/testing/dialects";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { loadProcessingConfig } from "../config";
import type { ProcessingTables } from "../schema";
import { openProcessingStorage } from "../storage";
import { toEventRow } from "./event-codec";
import { FEED_START, readEventFeed } from "./event-feed";

type Store = TenantDb<ProcessingTables>;

const appendTracked = (store: Store, tx: Store["db"], streamId: string, version: number) =>
  tx.insert(store.tables.events).values(
    toEventRow(
      {
        type: "ActionTracked",
        data: { action: "level_up", actionId: `${streamId}:${version}` },
        questVersion: null,
        occurredAt: new Date(),
      },
      version,
      { tenantId: store.tenantId, streamId, idempotencyKey: null, requestId: null },
    ),
  );

const actionIds = (rows: { data: Record<string, unknown> }[]) =>
  rows.map((row) => row.data.actionId);

describeEach("the global event feed on %s", await testDialects(), (dialect) => {
  let env: DialectEnv;
  let storage: ServiceStorage<ProcessingTables>;
  let store: Store;

  beforeAll(async () => {
    env = await freshStore(dialect, "processing-feed");
    const logger = createLogger({ service: "processing", write: () => undefined });
    storage = await openProcessingStorage(loadProcessingConfig(env.env), logger);
    store = await storage.tenant("default");
  });
  afterAll(async () => {
    await storage.close();
    await env.cleanup();
  });

  test("pages through every stream's events in commit order", async () => {
    for (const [stream, version] of [
      ["a", 1],
      ["b", 1],
      ["a", 2],
    ] as const) {
      await store.transaction((tx) => appendTracked(store, tx, stream, version));
    }
    // On a shared Postgres server another client's open transaction may hold the feed back.
    await eventually(
      async () => (await readEventFeed(store, FEED_START, 100)).events.length,
      "the three events in the feed",
      { accept: (count) => count === 3 },
    );
    const first = await readEventFeed(store, FEED_START, 2);
    const second = await readEventFeed(store, first.cursor, 2);
    expect([actionIds(first.events), actionIds(second.events)]).toEqual([["a:1", "b:1"], ["a:2"]]);
    expect((await readEventFeed(store, second.cursor, 2)).events).toEqual([]);
  });

  test("a reader never skips the events of a transaction that commits late", async () => {
    const start = (await readEventFeed(store, FEED_START, 100)).cursor;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => undefined;
    const slowInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const slow = store.transaction(async (tx) => {
      await appendTracked(store, tx, "slow", 1);
      inserted();
      await held;
    });
    if (dialect === "postgres") {
      await slowInserted;
      await store.transaction((tx) => appendTracked(store, tx, "fast", 1));
      // The fast event is committed, but the slow one may still take an earlier place: wait.
      expect((await readEventFeed(store, start, 100)).events).toEqual([]);
    }
    release();
    await slow;
    if (dialect === "sqlite") await store.transaction((tx) => appendTracked(store, tx, "fast", 1));
    // Postgres shows a transaction once every older one in the cluster has ended: on a shared
    // server another client's open transaction may hold the feed back for a moment.
    const feed = await eventually(
      async () => actionIds((await readEventFeed(store, start, 100)).events),
      "both events in the feed",
      { accept: (ids) => ids.length >= 2 },
    );
    expect(feed).toEqual(["slow:1", "fast:1"]);
  });
});
