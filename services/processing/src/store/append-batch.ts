import type { TenantDb } from "@questline/kit/storage/types";
import { sql } from "drizzle-orm";
import type { QuestEvent, RewardClaimed } from "../domain/events";
import { touchedQuests } from "../domain/progress-view";
import { evolve, questProgress as standingIn, type UserQuestsState } from "../domain/state";
import { outboxRowsFor } from "../rewards/outbox-rows";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { toEventRow } from "./event-codec";
import { type IdempotencyKey, storedAnswer } from "./idempotency";
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

const keyId = (userId: string, key: IdempotencyKey) => `${key.kind}\u0000${userId}\u0000${key.key}`;

/**
 * Runs `commands` in order inside the open transaction `tx`, as one write: every user's state and
 * every idempotency answer is read once (queries pipelined on Postgres), each command is decided
 * against the state the commands before it left, and the events, projection rows, answers and
 * outbox rows of all of them are written with one multi-row statement per table. A command whose
 * decider refuses it gets its error and writes nothing; the others go on. A write that fails
 * (another process appended to the same stream at the same version) fails the whole batch, which
 * the caller runs again.
 */
export async function appendBatch(
  store: Store,
  tx: Db,
  commands: readonly StreamCommand[],
): Promise<CommandResult[]> {
  const [streams, answers] = await Promise.all([
    readStreams(store, tx, commands),
    readAnswers(store, tx, commands),
  ]);
  const writes = new BatchWrites();
  const results = commands.map((command) => decideOne(store, command, streams, answers, writes));
  await write(store, tx, writes);
  return results;
}

async function readStreams(store: Store, tx: Db, commands: readonly StreamCommand[]) {
  const userIds = [...new Set(commands.map((command) => command.userId))];
  const entries = await Promise.all(
    userIds.map(async (userId) => [userId, await readStreamState(store, tx, userId)] as const),
  );
  return new Map<string, StreamState>(entries);
}

/** Answers already stored under the batch's keys, by `keyId` (a key not found is new). */
async function readAnswers(store: Store, tx: Db, commands: readonly StreamCommand[]) {
  const found = await Promise.all(
    commands.flatMap(({ userId, idempotency: key }) =>
      key === undefined
        ? []
        : [
            storedAnswer(store, tx, userId, key).then(
              (answer) => [keyId(userId, key), answer] as const,
            ),
          ],
    ),
  );
  const answers = new Map<string, StoredAnswer>();
  for (const [id, answer] of found) if (answer !== undefined) answers.set(id, answer);
  return answers;
}

function decideOne(
  store: Store,
  command: StreamCommand,
  streams: Map<string, StreamState>,
  answers: Map<string, StoredAnswer>,
  writes: BatchWrites,
): CommandResult {
  const { userId, idempotency } = command;
  const key = idempotency && keyId(userId, idempotency);
  const seen = key === undefined ? undefined : answers.get(key);
  if (seen !== undefined) return { ok: true, outcome: { kind: "duplicate", answer: seen } };
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
    };
    (idempotency.kind === "action" ? writes.actionKeys : writes.claimKeys).push(row);
    answers.set(key, answer);
  }
  streams.set(userId, { state: after, version });
  return {
    ok: true,
    outcome: { kind: "appended", answer, events, grantIds: claims.map((c) => c.data.claimId) },
  };
}

/** The update of an upsert takes the proposed row's values: `excluded.<column>`. */
const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

async function write(store: Store, tx: Db, writes: BatchWrites): Promise<void> {
  const { events, questProgress, actionKeys, claimKeys, outbox } = store.tables;
  for (const rows of chunks(writes.events)) await tx.insert(events).values(rows);
  for (const rows of chunks([...writes.progress.values()])) {
    await tx
      .insert(questProgress)
      .values(rows)
      .onConflictDoUpdate({
        target: [questProgress.tenantId, questProgress.userId, questProgress.questName],
        set: {
          progress: excluded(questProgress.progress),
          completions: excluded(questProgress.completions),
          claims: excluded(questProgress.claims),
          lastCountedDay: excluded(questProgress.lastCountedDay),
          started: excluded(questProgress.started),
          version: excluded(questProgress.version),
        },
      });
  }
  for (const rows of chunks(writes.actionKeys)) await tx.insert(actionKeys).values(rows);
  for (const rows of chunks(writes.claimKeys)) await tx.insert(claimKeys).values(rows);
  for (const rows of chunks(writes.outbox)) await tx.insert(outbox).values(rows);
}

function* chunks<Row>(rows: readonly Row[]): Generator<Row[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    yield rows.slice(start, start + ROWS_PER_INSERT);
  }
}
