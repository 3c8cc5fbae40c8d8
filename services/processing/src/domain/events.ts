import type { CalendarDay } from "./calendar";
import type { Reward } from "./quest-rules";

/**
 * What happened to one user's quests, as appended to their stream. The store adds stream id,
 * version, global position and request metadata; `questVersion` (the definition a quest event was
 * decided with, null for `ActionTracked`) belongs in that metadata. `data` is plain JSON.
 */
interface QuestlineEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly questVersion: number | null;
  readonly occurredAt: Date;
}

/** Every tracked action, counted or not, so the log holds the full history. */
export type ActionTracked = QuestlineEvent<"ActionTracked", { action: string; actionId: string }>;

export type QuestStarted = QuestlineEvent<"QuestStarted", { questName: string }>;

/** `progress` is the new value; `countedDay` is set for daily quests. */
export type QuestProgressed = QuestlineEvent<
  "QuestProgressed",
  { questName: string; progress: number; countedDay?: CalendarDay }
>;

/** A consecutive daily quest missed a whole calendar day: progress drops to 0. */
export type StreakBroken = QuestlineEvent<
  "StreakBroken",
  { questName: string; previousProgress: number; lastCountedDay: CalendarDay }
>;

/** `completions` is the new total; progress goes back to 0. */
export type QuestCompleted = QuestlineEvent<
  "QuestCompleted",
  { questName: string; completions: number }
>;

/** `claimId` is the grant's idempotency key towards the wallet; `claims` is the new total. */
export type RewardClaimed = QuestlineEvent<
  "RewardClaimed",
  { questName: string; claimId: string; claims: number; rewards: readonly Reward[] }
>;

export type QuestEvent =
  | ActionTracked
  | QuestStarted
  | QuestProgressed
  | StreakBroken
  | QuestCompleted
  | RewardClaimed;

export type QuestEventType = QuestEvent["type"];

export const QUEST_EVENT_TYPES: readonly QuestEventType[] = [
  "ActionTracked",
  "QuestStarted",
  "QuestProgressed",
  "StreakBroken",
  "QuestCompleted",
  "RewardClaimed",
];

/** Narrows a stored event's type column before its row is turned back into a `QuestEvent`. */
export const isQuestEventType = (type: string): type is QuestEventType =>
  (QUEST_EVENT_TYPES as readonly string[]).includes(type);
