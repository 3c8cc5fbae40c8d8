import type { TenantDb } from "@questline/kit/storage/types";
import type { QuestEvent, RewardClaimed } from "../domain/events";
import { touchedQuests } from "../domain/progress-view";
import { evolve, questProgress as standingIn, type UserQuestsState } from "../domain/state";
import { outboxRowsFor } from "../rewards/outbox-rows";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { toEventRow } from "./event-codec";
import {
  answersRequest,
  type IdempotencyKey,
  keyReused,
  type StoredKey,
  storedKey,
} from "./idempotency";
import {
  insertAnswerRows,
  insertEventRows,
  progressUpsert,
  upsertProgressRows,
} from "./statements";
import { readStreamState, type StreamState } from "./stream-state";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];
type Tables = ProcessingTables;

/** One command against one user's stream, as the store runs it. */
export interface StreamCommand<Answer extends StoredAnswer = StoredAnswer> {
  userId: string;
  /** Set when the request is idempotent: a repeat gets the stored answer, nothing is appended. */
  idempotency?: IdempotencyKey;
  requestId: string | null;
  /** The client's key, recorded in every event's metadata. */
  clientKey: string | null;
  now: Date;
  /** The decider call; it may throw AppError (nothing is written for this command then). */
  decide(state: UserQuestsState): QuestEvent[];
  /** The answer, from what was decided and the state after it. */
  answer(events: readonly QuestEvent[], state: UserQuestsState): Answer;
}

export type StreamOutcome<Answer extends StoredAnswer = StoredAnswer> =
  | { kind: "appended"; answer: Answer; events: readonly QuestEvent[]; grantIds: string[] }
  | { kind: "duplicate"; answer: StoredAnswer };

/** What one command of a batch came to: an outcome, or the error its decider threw. */
export type CommandResult = { ok: true; outcome: StreamOutcome } | { ok: false; error: unknown };

/** Rows per multi-row insert: far below both dialects' limits on bound parameters. */
const ROWS_PER_INSERT = 500;

/** Everything a batch will write, gathered while its commands are decided in order. */
class BatchWrites {
  readonly events: Tables["events"]["$inferInsert"][] = [];
  /** The newest row per user and quest: a multi-row upsert may not touch a row twice. */
  readonly progress = new Map<string, Tables["questProgress"]["$inferInsert"]>();
  readonly actionKeys: Tables["actionKeys"]["$inferInsert"][] = [];
  readonly claimKeys: Tables["claimKeys"]["$inferInsert"][] = [];
  readonly outbox: Tables["outbox"]["$inferInsert"][] = [];
}

const keyId = (userId: string, key: { kind: string; key: string }) =>
  `${key.kind}\u0000${userId}\u0000${key.key}`;

/** The keys a batch found stored: under their own kind, and those found under the other kind. */
interface FoundKeys {
  answers: Map<string, StoredKey>;
  elsewhere: Set<string>;
}

/**
 * Runs `commands` in order inside the open transaction `tx`, as one write: every user's state and
 * every idempotency answer is read once (queries pipelined on Postgres), each command is decided
 * against the state the commands before it left, and the events, projection rows, answers and
 * outbox rows of all of them are written with one multi-row statement per table. A command whose
 * decider refuses it gets its error and writes nothing; the others go on. A write that fails
 * (another process appended to the same stream at the same version) fails the whole batch, which
 * the caller runs again.
 *
 * `known` may give a stream's state and version instead of reading them (the writer's cache of
 * what it committed). A stale one is caught like any concurrent writer: its next version is taken,
 * the insert fails on the unique key, and the caller runs the batch again without it.
 */
export async function appendBatch(
  store: Store,
  tx: Db,
  commands: readonly StreamCommand[],
  known: (userId: string) => StreamState | undefined = () => undefined,
): Promise<BatchOutcome> {
  const [streams, answers] = await Promise.all([
    readStreams(store, tx, commands, known),
    readAnswers(store, tx, commands),
  ]);
  const writes = new BatchWrites();
  const results = commands.map((command) => decideOne(store, command, streams, answers, writes));
  await write(store, tx, writes);
  return { results, streams };
}

/** Each command's result, and every stream of the batch as the batch left it. */
export interface BatchOutcome {
  results: CommandResult[];
  streams: ReadonlyMap<string, StreamState>;
}

async function readStreams(
  store: Store,
  tx: Db,
  commands: readonly StreamCommand[],
  known: (userId: string) => StreamState | undefined,
) {
  const userIds = [...new Set(commands.map((command) => command.userId))];
  const entries = await Promise.all(
    userIds.map(
      async (userId) =>
        [userId, known(userId) ?? (await readStreamState(store, tx, userId))] as const,
    ),
  );
  return new Map<string, StreamState>(entries);
}

/** Answers already stored under the batch's keys, by `keyId` (a key not found is new). */
async function readAnswers(
  store: Store,
  tx: Db,
  commands: readonly StreamCommand[],
): Promise<FoundKeys> {
  const found: FoundKeys = { answers: new Map(), elsewhere: new Set() };
  await Promise.all(
    commands.flatMap(({ userId, idempotency: key }) => {
      if (key === undefined) return [];
      const id = keyId(userId, key);
      const own = storedKey(store, tx, userId, key).then((stored) => {
        if (stored !== undefined) found.answers.set(id, stored);
      });
      const other = key.elsewhere;
      if (other === undefined) return [own];
      const elsewhere = storedKey(store, tx, userId, other).then((stored) => {
        if (stored !== undefined) found.elsewhere.add(id);
      });
      return [own, elsewhere];
    }),
  );
  return found;
}

function decideOne(
  store: Store,
  command: StreamCommand,
  streams: Map<string, StreamState>,
  found: FoundKeys,
  writes: BatchWrites,
): CommandResult {
  const { userId, idempotency } = command;
  const key = idempotency && keyId(userId, idempotency);
  const seen = key === undefined ? undefined : found.answers.get(key);
  if (idempotency !== undefined && key !== undefined) {
    const reused = seen ? !answersRequest(seen, idempotency) : found.elsewhere.has(key);
    if (reused) return { ok: false, error: keyReused() };
  }
  if (seen !== undefined) return { ok: true, outcome: { kind: "duplicate", answer: seen.answer } };
  const stream = streams.get(userId);
  if (stream === undefined) return { ok: false, error: new Error(`stream ${userId} was not read`) };
  let events: QuestEvent[];
  let after: UserQuestsState;
  let answer: StoredAnswer;
  try {
    events = command.decide(stream.state);
    after = events.reduce(evolve, stream.state);
    answer = command.answer(events, after);
  } catch (error) {
    return { ok: false, error };
  }
  const context = {
    tenantId: store.tenantId,
    streamId: userId,
    idempotencyKey: command.clientKey,
    requestId: command.requestId,
  };
  const version = stream.version + events.length;
  events.forEach((event, index) => {
    writes.events.push(toEventRow(event, stream.version + index + 1, context));
  });
  for (const questName of touchedQuests(events)) {
    writes.progress.set(`${userId}\u0000${questName}`, {
      tenantId: store.tenantId,
      userId,
      questName,
      ...standingIn(after, questName),
      version,
    });
  }
  const claims = events.filter((event): event is RewardClaimed => event.type === "RewardClaimed");
  writes.outbox.push(...outboxRowsFor(store.tenantId, userId, claims, command.now));
  if (idempotency && key !== undefined) {
    const row = {
      tenantId: store.tenantId,
      streamId: userId,
      key: idempotency.key,
      answer,
      createdAt: command.now,
      request: idempotency.request,
    };
    (idempotency.kind === "action" ? writes.actionKeys : writes.claimKeys).push(row);
    found.answers.set(key, { answer, request: idempotency.request });
  }
  streams.set(userId, { state: after, version });
  return {
    ok: true,
    outcome: { kind: "appended", answer, events, grantIds: claims.map((c) => c.data.claimId) },
  };
}

/**
 * Writes what the batch gathered. On SQLite through statements compiled once per open file and
 * run with positional values (`statements.ts`); on Postgres a transaction is a new connection object, so a
 * prepared statement would be built again per batch anyway: there one statement per table is built
 * from the rows and sent in one round trip.
 */
async function write(store: Store, tx: Db, writes: BatchWrites): Promise<void> {
  const progress = [...writes.progress.values()];
  if (store.dialect === "sqlite") {
    insertEventRows(store, tx, writes.events);
    upsertProgressRows(store, tx, progress);
    insertAnswerRows.action(store, tx, writes.actionKeys);
    insertAnswerRows.claim(store, tx, writes.claimKeys);
  } else {
    const { events, questProgress, actionKeys, claimKeys } = store.tables;
    for (const rows of chunks(writes.events)) await tx.insert(events).values(rows);
    for (const rows of chunks(progress)) {
      await tx.insert(questProgress).values(rows).onConflictDoUpdate(progressUpsert(store.tables));
    }
    for (const rows of chunks(writes.actionKeys)) await tx.insert(actionKeys).values(rows);
    for (const rows of chunks(writes.claimKeys)) await tx.insert(claimKeys).values(rows);
  }
  // Claims are rare next to tracked actions: built from the rows on both dialects.
  for (const rows of chunks(writes.outbox)) await tx.insert(store.tables.outbox).values(rows);
}

function* chunks<Row>(rows: readonly Row[]): Generator<Row[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    yield rows.slice(start, start + ROWS_PER_INSERT);
  }
}
