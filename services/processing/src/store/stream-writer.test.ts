import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { AppError } from "@questline/kit/errors";
import { createLogger } from "@questline/kit/logger";
import type { ServiceStorage, TenantDb } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore, testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { asc, eq } from "drizzle-orm";
import { loadProcessingConfig } from "../config";
import { decide } from "../domain/decide";
import { questBook } from "../domain/quest-rules";
import type { ProcessingTables } from "../schema";
import { openProcessingStorage } from "../storage";
import { quest } from "../testing/decider";
import { touchedViews } from "../tracking/answers";
import type { StreamCommand } from "./append-batch";
import { StreamWriter } from "./stream-writer";

setDefaultTimeout(60_000);

type Store = TenantDb<ProcessingTables>;

const BOOK = questBook([quest({ name: "count-up", trigger: "level_up", target: 1_000_000 })]);

/** A tracked `level_up` of `userId`; with `key`, an idempotent one. */
function track(userId: string, key?: string): StreamCommand {
  const now = new Date();
  const actionId = key ?? crypto.randomUUID();
  return {
    userId,
    idempotency:
      key === undefined ? undefined : { kind: "action", key, request: "action:level_up" },
    requestId: null,
    clientKey: key ?? null,
    now,
    decide: (state) =>
      decide({ type: "TrackAction", action: "level_up", actionId, now, quests: BOOK }, state),
    answer: (events, state) => ({
      status: "tracked",
      quests: touchedViews(events, state, BOOK, now),
    }),
  };
}

describeEach("the stream writer on %s", await testDialects(), (dialect) => {
  let env: DialectEnv;
  let storage: ServiceStorage<ProcessingTables>;
  let store: Store;
  /** The tenant's storage, counting the transactions it was asked for. */
  let counted: Store & { transactions: number };

  beforeAll(async () => {
    env = await freshStore(dialect, "processing-writer");
    const logger = createLogger({ service: "processing", write: () => undefined });
    storage = await openProcessingStorage(loadProcessingConfig(env.env), logger);
    store = await storage.tenant("default");
    counted = {
      ...store,
      db: store.db,
      transactions: 0,
      transaction(fn) {
        counted.transactions++;
        return store.transaction(fn);
      },
    };
  });
  afterAll(async () => {
    await storage.close();
    await env.cleanup();
  });

  const versionsOf = async (userId: string) =>
    (
      await store.db
        .select({ version: store.tables.events.version })
        .from(store.tables.events)
        .where(eq(store.tables.events.streamId, userId))
        .orderBy(asc(store.tables.events.version))
    ).map((row) => row.version);

  /** `actions` tracked actions: QuestStarted once, then ActionTracked + QuestProgressed each. */
  const expectGaplessStream = async (userId: string, actions: number) =>
    expect(await versionsOf(userId)).toEqual(
      Array.from({ length: 1 + 2 * actions }, (_, index) => index + 1),
    );

  const progressOf = async (userId: string) => {
    const [row] = await store.db
      .select()
      .from(store.tables.questProgress)
      .where(eq(store.tables.questProgress.userId, userId));
    return row?.progress;
  };

  test("commands that arrive in one turn share a transaction and each sees the ones before it", async () => {
    const writer = new StreamWriter();
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
    const before = counted.transactions;
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        writer.append(counted, track(index % 2 === 0 ? alice : bob)),
      ),
    );
    // All 60 arrived in one turn of the event loop: one transaction carried them.
    expect(counted.transactions - before).toBe(1);
    expect(outcomes.every((outcome) => outcome.kind === "appended")).toBe(true);
    for (const user of [alice, bob]) {
      expect(await progressOf(user)).toBe(30);
      await expectGaplessStream(user, 30);
    }
  });

  test("a key used twice in one batch appends once; the repeat gets the first answer", async () => {
    const writer = new StreamWriter();
    const user = crypto.randomUUID();
    const [first, second, third] = await Promise.all([
      writer.append(store, track(user)),
      writer.append(store, track(user, "same-key")),
      writer.append(store, track(user, "same-key")),
    ]);
    expect(first?.kind).toBe("appended");
    expect(second?.kind).toBe("appended");
    expect(third).toEqual({ kind: "duplicate", answer: second?.answer ?? {} });
    expect(await progressOf(user)).toBe(2);
    const repeat = await writer.append(store, track(user, "same-key"));
    expect(repeat).toEqual({ kind: "duplicate", answer: second?.answer ?? {} });
  });

  test("a command its decider refuses fails alone; the rest of its batch is written", async () => {
    const writer = new StreamWriter();
    const user = crypto.randomUUID();
    const refused: StreamCommand = {
      ...track(user),
      decide: () => {
        throw new AppError("conflict", "nothing_to_claim", "refused");
      },
    };
    const results = await Promise.allSettled([
      writer.append(store, track(user)),
      writer.append(store, track(user)),
      writer.append(store, refused),
      writer.append(store, track(user)),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    const [, , failure] = results;
    expect(failure?.status === "rejected" && failure.reason).toBeInstanceOf(AppError);
    expect(await progressOf(user)).toBe(3);
    await expectGaplessStream(user, 3);
  });

  test("a command whose rows cannot be written fails alone; its batch is run again without it", async () => {
    const writer = new StreamWriter();
    const user = crypto.randomUUID();
    // A BigInt is not JSON: storing this answer fails inside the transaction.
    const unstorable: StreamCommand = { ...track(user, "unstorable"), answer: () => ({ n: 1n }) };
    const results = await Promise.allSettled([
      writer.append(store, track(user)),
      writer.append(store, track(user, "fine")),
      writer.append(store, unstorable),
      writer.append(store, track(user)),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(await progressOf(user)).toBe(3);
    await expectGaplessStream(user, 3);
  });

  test("two writers of one stream (two replicas) lose nothing and never reuse a version", async () => {
    const replicas = [new StreamWriter(), new StreamWriter()];
    const user = crypto.randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        replicas[index % 2]?.append(store, track(user, `action-${index}`)),
      ),
    );
    expect(outcomes.every((outcome) => outcome?.kind === "appended")).toBe(true);
    expect(await progressOf(user)).toBe(40);
    await expectGaplessStream(user, 40);
  });

  test("a writer whose remembered stream another replica moved on reads it again", async () => {
    const [first, second] = [new StreamWriter(), new StreamWriter()];
    const user = crypto.randomUUID();
    // Taking turns, so each writer's memory of the stream is stale on every other append.
    for (let round = 0; round < 6; round++) {
      const writer = round % 2 === 0 ? first : second;
      expect((await writer.append(store, track(user))).kind).toBe("appended");
    }
    expect(await progressOf(user)).toBe(6);
    await expectGaplessStream(user, 6);
  });
});
