import { calendarDay, endOfDay } from "./calendar";
import { isStreakBroken } from "./counting";
import type { QuestEvent } from "./events";
import { hasReachedMax, isPublished, type QuestBook, type QuestRules } from "./quest-rules";
import { questProgress, type UserQuestsState } from "./state";

export type ProgressStatus = "in_progress" | "claimable" | "completed";

/** One quest as a player sees it (`GET /api/v1/track/progress`), in the API's snake_case. */
export interface QuestProgressView {
  readonly quest_name: string;
  readonly progress: number;
  readonly target: number;
  readonly completions: number;
  readonly claims: number;
  /** At least one completion waits for its claim. */
  readonly claimable: boolean;
  readonly status: ProgressStatus;
  /** For daily quests, when the current calendar day ends in the quest's zone (ISO 8601). */
  readonly next_reset_at: string | null;
  /** Actions count: the quest was started, or starts by itself. */
  readonly started: boolean;
}

const statusOf = (quest: QuestRules, completions: number, claims: number): ProgressStatus => {
  if (claims < completions) return "claimable";
  return hasReachedMax(quest, completions) ? "completed" : "in_progress";
};

// What the next counted action builds on: a streak already broken by a missed day shows as 0
// before the next action logs StreakBroken, and a lowered target caps what is shown.
const visibleProgress = (quest: QuestRules, state: UserQuestsState, now: Date): number => {
  const standing = questProgress(state, quest.name);
  const broken =
    quest.cadence === "daily" && isStreakBroken(quest, standing, calendarDay(now, quest.timezone));
  if (broken) return 0;
  return Math.min(standing.progress, quest.target);
};

/** The player's view of `quest` at `now`. */
export const progressOf = (
  state: UserQuestsState,
  quest: QuestRules,
  now: Date,
): QuestProgressView => {
  const standing = questProgress(state, quest.name);
  return {
    quest_name: quest.name,
    progress: visibleProgress(quest, state, now),
    target: quest.target,
    completions: standing.completions,
    claims: standing.claims,
    claimable: standing.claims < standing.completions,
    status: statusOf(quest, standing.completions, standing.claims),
    next_reset_at: quest.cadence === "daily" ? endOfDay(now, quest.timezone).toISOString() : null,
    started: standing.started || quest.autoStart,
  };
};

/** The view of every published quest in `quests`, in the book's order. */
export const progressList = (
  state: UserQuestsState,
  quests: QuestBook,
  now: Date,
): QuestProgressView[] =>
  Array.from(quests.values())
    .filter(isPublished)
    .map((quest) => progressOf(state, quest, now));

/** The quests a decision changed, once each, in order: the `quests` of a tracking answer. */
export const touchedQuests = (events: readonly QuestEvent[]): string[] => {
  const names = new Set<string>();
  for (const event of events) {
    if (event.type !== "ActionTracked") names.add(event.data.questName);
  }
  return Array.from(names);
};
