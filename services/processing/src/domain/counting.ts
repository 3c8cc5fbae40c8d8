import { type CalendarDay, calendarDay, daysBetween } from "./calendar";
import type { TrackAction } from "./commands";
import type { QuestEvent } from "./events";
import { hasReachedMax, isPublished, isWithinWindow, type QuestRules } from "./quest-rules";
import type { QuestProgress } from "./state";

/** The fields every quest event of one decision shares. */
export type EventStamp = Pick<QuestEvent, "questVersion" | "occurredAt">;

export const stampFor = (quest: QuestRules, now: Date): EventStamp => ({
  questVersion: quest.version,
  occurredAt: now,
});

/** The claim id of a completion claimed at once: stable across a retried decision. */
const autoClaimId = (actionId: string, questName: string): string =>
  `${actionId}:${questName}:auto`;

/** When it counts (docs/reference/progress.md): published, in its window, started, below max. */
const isOpenFor = (quest: QuestRules, standing: QuestProgress, now: Date): boolean =>
  isPublished(quest) &&
  isWithinWindow(quest, now) &&
  (standing.started || quest.autoStart) &&
  !hasReachedMax(quest, standing.completions);

// A day at or before the last counted one never counts: not twice a day, nor back in time after
// a change of the quest's zone.
const isAlreadyCounted = (standing: QuestProgress, today: CalendarDay): boolean =>
  standing.lastCountedDay !== null && today <= standing.lastCountedDay;

/** A whole calendar day lies between the last counted day and today, with a streak to lose. */
export const isStreakBroken = (
  quest: QuestRules,
  standing: QuestProgress,
  today: CalendarDay,
): boolean =>
  quest.cadence === "daily" &&
  quest.consecutive &&
  standing.progress > 0 &&
  standing.lastCountedDay !== null &&
  daysBetween(standing.lastCountedDay, today) > 1;

const completion = (
  quest: QuestRules,
  standing: QuestProgress,
  command: TrackAction,
  stamp: EventStamp,
): QuestEvent[] => {
  const completed: QuestEvent = {
    type: "QuestCompleted",
    data: { questName: quest.name, completions: standing.completions + 1 },
    ...stamp,
  };
  if (!quest.autoClaim) return [completed];
  const claimed: QuestEvent = {
    type: "RewardClaimed",
    data: {
      questName: quest.name,
      claimId: autoClaimId(command.actionId, quest.name),
      claims: standing.claims + 1,
      rewards: quest.rewards,
    },
    ...stamp,
  };
  return [completed, claimed];
};

/** The events one tracked action causes in one quest whose trigger it matches. */
export const countAction = (
  quest: QuestRules,
  standing: QuestProgress,
  command: TrackAction,
): QuestEvent[] => {
  if (!isOpenFor(quest, standing, command.now)) return [];
  const today = quest.cadence === "daily" ? calendarDay(command.now, quest.timezone) : undefined;
  if (today !== undefined && isAlreadyCounted(standing, today)) return [];

  const stamp = stampFor(quest, command.now);
  const events: QuestEvent[] = [];
  if (!standing.started) {
    events.push({ type: "QuestStarted", data: { questName: quest.name }, ...stamp });
  }
  const broken = today !== undefined && isStreakBroken(quest, standing, today);
  if (broken && standing.lastCountedDay !== null) {
    events.push({
      type: "StreakBroken",
      data: {
        questName: quest.name,
        previousProgress: standing.progress,
        lastCountedDay: standing.lastCountedDay,
      },
      ...stamp,
    });
  }
  const progress = (broken ? 0 : standing.progress) + 1;
  events.push({
    type: "QuestProgressed",
    data: {
      questName: quest.name,
      progress,
      ...(today === undefined ? {} : { countedDay: today }),
    },
    ...stamp,
  });
  // `>=` rather than `===`: a target lowered under the progress completes on the next count.
  if (progress >= quest.target) events.push(...completion(quest, standing, command, stamp));
  return events;
};
