import type { ServiceStorage } from "@questline/kit/storage/types";
import { decide } from "../domain/decide";
import { progressList, progressOf, type QuestProgressView } from "../domain/progress-view";
import type { QuestBook } from "../domain/quest-rules";
import { questNotFound } from "../domain/refusals";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import type { StreamOutcome } from "../store/append-batch";
import { readHistory } from "../store/history";
import { type RebuildReport, rebuildProjection } from "../store/rebuild";
import { readStreamState } from "../store/stream-state";
import { StreamWriter } from "../store/stream-writer";
import { actionIdFor, claimIdFor } from "./action-ids";
import { type ClaimAnswer, claimAnswer, type TrackAnswer, touchedViews } from "./answers";
import { refusalsAsAppErrors } from "./refusals";

/** Where the tracker finds a tenant's quests (the catalog copy, or a fixed book in tests). */
export interface QuestSource {
  book(tenantId: string): Promise<QuestBook>;
}

/** Told about grants committed to the outbox, so it can try them at once. */
export interface GrantNotifier {
  committed(tenantId: string, grantIds: readonly string[]): void;
}

export interface TrackRequest {
  tenantId: string;
  userId: string;
  action: string;
  /** `signin:<session id>` for sessions; else derived from `key`, or fresh without one. */
  actionId?: string;
  /** The caller's idempotency key (null: every call is a new action). */
  key: string | null;
  requestId: string | null;
  occurredAt?: Date;
}

export interface ClaimRequest {
  tenantId: string;
  userId: string;
  questName: string;
  key: string | null;
  requestId: string | null;
}

const missing = (questName: string): never => {
  throw questNotFound(questName);
};

/**
 * Tracking, starting and claiming, one user at a time (docs/reference/progress.md). The decider's
 * refusals leave here as the kit's `AppError` (`refusals.ts`).
 */
export class Tracker {
  /** Every append goes through here: one queue per tenant, commands batched per transaction. */
  private readonly writer = new StreamWriter();

  constructor(
    private readonly storage: ServiceStorage<ProcessingTables>,
    private readonly quests: QuestSource,
    private readonly grants: GrantNotifier,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  track(request: TrackRequest): Promise<TrackAnswer> {
    return refusalsAsAppErrors(async () => {
      const store = await this.storage.tenant(request.tenantId);
      const quests = await this.quests.book(request.tenantId);
      const now = request.occurredAt ?? this.clock();
      const actionId = request.actionId ?? actionIdFor(request.userId, request.key);
      const outcome = await this.writer.append(store, {
        userId: request.userId,
        // Without a client key the id is fresh, so there is nothing to look up or remember.
        idempotency:
          request.key === null && request.actionId === undefined
            ? undefined
            : {
                kind: "action",
                key: actionId,
                request: `action:${request.action}`,
                // A client's key names one request, whichever route it was first sent to.
                elsewhere: request.key === null ? undefined : { kind: "claim", key: request.key },
              },
        requestId: request.requestId,
        clientKey: request.key,
        now,
        decide: (state) =>
          decide({ type: "TrackAction", action: request.action, actionId, now, quests }, state),
        answer: (events, state): TrackAnswer => ({
          status: "tracked",
          quests: touchedViews(events, state, quests, now),
        }),
      });
      this.notify(request.tenantId, outcome);
      return outcome.kind === "duplicate"
        ? { ...(outcome.answer as TrackAnswer), status: "duplicate" }
        : outcome.answer;
    });
  }

  claim(request: ClaimRequest): Promise<ClaimAnswer> {
    return refusalsAsAppErrors(async () => {
      const store = await this.storage.tenant(request.tenantId);
      const quests = await this.quests.book(request.tenantId);
      const now = this.clock();
      const claimId = claimIdFor(request.userId, request.key);
      const outcome = await this.writer.append(store, {
        userId: request.userId,
        idempotency:
          request.key === null
            ? undefined
            : {
                kind: "claim",
                key: request.key,
                request: `claim:${request.questName}`,
                elsewhere: { kind: "action", key: actionIdFor(request.userId, request.key) },
              },
        requestId: request.requestId,
        clientKey: request.key,
        now,
        decide: (state) =>
          decide(
            { type: "ClaimReward", questName: request.questName, claimId, now, quests },
            state,
          ),
        answer: claimAnswer,
      });
      this.notify(request.tenantId, outcome);
      return outcome.answer as ClaimAnswer;
    });
  }

  /** Starts a quest (idempotent) and answers its progress. */
  start(
    tenantId: string,
    userId: string,
    questName: string,
    requestId: string | null,
  ): Promise<QuestProgressView> {
    return refusalsAsAppErrors(async () => {
      const store = await this.storage.tenant(tenantId);
      const quests = await this.quests.book(tenantId);
      const now = this.clock();
      const outcome = await this.writer.append(store, {
        userId,
        requestId,
        clientKey: null,
        now,
        decide: (state) => decide({ type: "StartQuest", questName, now, quests }, state),
        // decide() refused a quest missing from the book, so `quests.get` finds it here.
        answer: (_events, state) =>
          progressOf(state, quests.get(questName) ?? missing(questName), now),
      });
      // Starting takes no idempotency key, so the outcome is never a stored duplicate.
      return outcome.answer as QuestProgressView;
    });
  }

  /** Every published quest of the tenant as `userId` stands in it. */
  progress(tenantId: string, userId: string): Promise<QuestProgressView[]> {
    return refusalsAsAppErrors(async () => {
      const store = await this.storage.tenant(tenantId);
      const quests = await this.quests.book(tenantId);
      const { state } = await readStreamState(store, store.db, userId);
      return progressList(state, quests, this.clock());
    });
  }

  /** A page of the user's own events, oldest first. */
  async history(tenantId: string, userId: string, after: number, limit: number) {
    return readHistory(await this.storage.tenant(tenantId), userId, after, limit);
  }

  /** Replays the tenant's progress projection from the log (admin rebuild, CLI). */
  async rebuild(tenantId: string): Promise<RebuildReport> {
    const report = await rebuildProjection(await this.storage.tenant(tenantId));
    // The states the writer remembers were derived from the old projection.
    this.writer.forgetTenant(tenantId);
    return report;
  }

  private notify(tenantId: string, outcome: StreamOutcome<StoredAnswer>): void {
    if (outcome.kind === "appended" && outcome.grantIds.length > 0) {
      this.grants.committed(tenantId, outcome.grantIds);
    }
  }
}
