import type { QuestBook } from "./quest-rules";

/**
 * What a user (or auth, on their behalf) asks for. Time, ids and the current published quest
 * definitions come in with the command, so deciding stays a pure function.
 */
interface QuestlineCommand<Type extends string> {
  readonly type: Type;
  readonly now: Date;
  /** Published definitions by name; anything else here is ignored. */
  readonly quests: QuestBook;
}

/** `actionId` identifies the action: a sign-in's session, an idempotency key, or a fresh id. */
export interface TrackAction extends QuestlineCommand<"TrackAction"> {
  readonly action: string;
  readonly actionId: string;
}

export interface StartQuest extends QuestlineCommand<"StartQuest"> {
  readonly questName: string;
}

/** `claimId` becomes the wallet grant's id: derive it from the request's idempotency key. */
export interface ClaimReward extends QuestlineCommand<"ClaimReward"> {
  readonly questName: string;
  readonly claimId: string;
}

export type QuestCommand = TrackAction | StartQuest | ClaimReward;
