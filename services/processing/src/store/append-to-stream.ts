import { AppError } from "@questline/kit/errors";
import { errorCode } from "@questline/kit/storage/error-code";
import type { TenantDb } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import type { QuestEvent, RewardClaimed } from "../domain/events";
import { evolve, type UserQuestsState } from "../domain/state";
import { outboxRowsFor } from "../rewards/outbox-rows";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { type AppendContext, toEventRow } from "./event-codec";
import { type IdempotencyKey, storeAnswer, storedAnswer } from "./idempotency";
import { updateProjection } from "./projection";
import { insertEvents } from "./statements";
import { readStreamState } from "./stream-state";

type Store = TenantDb<ProcessingTables>;

/** One command against one user's stream, as the store runs it. */
export interface StreamCommand<Answer extends StoredAnswer> {
  userId: string;
  /** Set when the request is idempotent: a repeat gets the stored answer, nothing is appended. */
  idempotency?: IdempotencyKey;
  requestId: string | null;
  /** The client's key, recorded in every event's metadata. */
  clientKey: string | null;
  now: Date;
  /** The decider call; it may throw AppError (nothing is written then). */
  decide(state: UserQuestsState): QuestEvent[];
  /** The answer, from what was decided and the state after it. */
  answer(events: readonly QuestEvent[], state: UserQuestsState): Answer;
}

export type StreamOutcome<Answer extends StoredAnswer> =
  | { kind: "appended"; answer: Answer; events: readonly QuestEvent[]; grantIds: string[] }
  | { kind: "duplicate"; answer: StoredAnswer };

/** A concurrent writer of the same stream or key makes the loser decide again; this bounds it. */
const MAX_ATTEMPTS = 10;

/**
 * The append flow, in one transaction: idempotency check, read state, decide, append at the
 * expected versions (a unique key rejects a concurrent writer), projection, outbox rows for every
 * RewardClaimed, the idempotency answer. On a unique-key conflict the whole flow runs again.
 */
export async function appendToStream<Answer extends StoredAnswer>(
  store: Store,
  command: StreamCommand<Answer>,
): Promise<StreamOutcome<Answer>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((tx) => runOnce(store, tx, command));
    } catch (error) {
      const retry = isUniqueViolation(error) && attempt < MAX_ATTEMPTS;
      if (retry) continue;
      if (isUniqueViolation(error) || isSerializationFailure(error)) throw writeConflict(error);
      throw error;
    }
  }
}

/** Postgres gave up re-running the transaction (the kit retries these itself first). */
const isSerializationFailure = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === "40001" || code === "40P01";
};

const writeConflict = (cause: unknown) =>
  new AppError(
    "unavailable",
    "write_conflict",
    "Too many concurrent changes to this stream; retry",
    {
      cause,
      retryAfter: 1,
    },
  );

async function runOnce<Answer extends StoredAnswer>(
  store: Store,
  tx: Store["db"],
  command: StreamCommand<Answer>,
): Promise<StreamOutcome<Answer>> {
  const { userId, idempotency } = command;
  if (idempotency) {
    const seen = await storedAnswer(store, tx, userId, idempotency);
    if (seen !== undefined) return { kind: "duplicate", answer: seen };
  }
  const { state, version } = await readStreamState(store, tx, userId);
  const events = command.decide(state);
  const after = events.reduce(evolve, state);
  const context: AppendContext = {
    tenantId: store.tenantId,
    streamId: userId,
    idempotencyKey: command.clientKey,
    requestId: command.requestId,
  };
  if (events.length > 0) {
    const rows = events.map((event, index) => toEventRow(event, version + index + 1, context));
    await insertEvents(store, tx, rows);
    await updateProjection(store, tx, userId, after, events, version + events.length);
  }
  const claims = events.filter((event): event is RewardClaimed => event.type === "RewardClaimed");
  if (claims.length > 0) {
    await tx
      .insert(store.tables.outbox)
      .values(outboxRowsFor(store.tenantId, userId, claims, command.now));
  }
  const answer = command.answer(events, after);
  if (idempotency) await storeAnswer(store, tx, userId, idempotency, answer, command.now);
  return { kind: "appended", answer, events, grantIds: claims.map((claim) => claim.data.claimId) };
}
