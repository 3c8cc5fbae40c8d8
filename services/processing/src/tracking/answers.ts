import type { QuestEvent } from "../domain/events";
import { progressOf, type QuestProgressView, touchedQuests } from "../domain/progress-view";
import type { QuestBook, Reward } from "../domain/quest-rules";
import type { UserQuestsState } from "../domain/state";

export type TrackStatus = "tracked" | "duplicate";

/** `POST /track/*` and `TrackAction`: the status and the quests the action touched. */
export interface TrackAnswer {
  status: TrackStatus;
  quests: QuestProgressView[];
}

/** The original `claim_reward` shape: `reward` is the first of `rewards`. */
export interface ClaimAnswer {
  message: "Reward claimed successfully";
  reward: Reward;
  rewards: Reward[];
}

/** The views of the quests `events` changed, in the order they were changed. */
export function touchedViews(
  events: readonly QuestEvent[],
  state: UserQuestsState,
  quests: QuestBook,
  now: Date,
): QuestProgressView[] {
  return touchedQuests(events).flatMap((name) => {
    const quest = quests.get(name);
    return quest ? [progressOf(state, quest, now)] : [];
  });
}

export function claimAnswer(events: readonly QuestEvent[]): ClaimAnswer {
  const claimed = events.find((event) => event.type === "RewardClaimed");
  const rewards =
    claimed?.type === "RewardClaimed" ? claimed.data.rewards.map((r) => ({ ...r })) : [];
  const [reward = { item: "", qty: 0 }] = rewards;
  return { message: "Reward claimed successfully", reward, rewards };
}
