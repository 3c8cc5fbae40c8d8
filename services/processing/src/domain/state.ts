import type { CalendarDay } from "./calendar";
import type { QuestEvent } from "./events";

/** One user's standing in one quest, as the events so far made it. */
export interface QuestProgress {
  /** Counted actions towards the next completion. */
  readonly progress: number;
  readonly completions: number;
  readonly claims: number;
  /** The last calendar day a daily quest counted an action, in the quest's zone then. */
  readonly lastCountedDay: CalendarDay | null;
  /** Set by an explicit start, or by the first counted action of an auto-start quest. */
  readonly started: boolean;
}

/** One user's quests, by quest name. Quests the user never touched are absent. */
export interface UserQuestsState {
  readonly quests: ReadonlyMap<string, QuestProgress>;
}

export const NOT_STARTED: QuestProgress = {
  progress: 0,
  completions: 0,
  claims: 0,
  lastCountedDay: null,
  started: false,
};

export const initialState = (): UserQuestsState => ({ quests: new Map() });

/** The user's standing in `questName`, the untouched standing when there is none yet. */
export const questProgress = (state: UserQuestsState, questName: string): QuestProgress =>
  state.quests.get(questName) ?? NOT_STARTED;

const withQuest = (
  state: UserQuestsState,
  questName: string,
  change: (current: QuestProgress) => Partial<QuestProgress>,
): UserQuestsState => {
  const current = questProgress(state, questName);
  const quests = new Map(state.quests);
  quests.set(questName, { ...current, ...change(current) });
  return { quests };
};

/** Applies one event. Totals are taken from the event, so replaying a log never recounts. */
export const evolve = (state: UserQuestsState, event: QuestEvent): UserQuestsState => {
  switch (event.type) {
    case "ActionTracked":
      return state;
    case "QuestStarted":
      return withQuest(state, event.data.questName, () => ({ started: true }));
    case "QuestProgressed": {
      const { questName, progress, countedDay } = event.data;
      return withQuest(state, questName, (current) => ({
        progress,
        lastCountedDay: countedDay ?? current.lastCountedDay,
      }));
    }
    case "StreakBroken":
      return withQuest(state, event.data.questName, () => ({ progress: 0 }));
    case "QuestCompleted":
      return withQuest(state, event.data.questName, () => ({
        progress: 0,
        completions: event.data.completions,
      }));
    case "RewardClaimed":
      return withQuest(state, event.data.questName, () => ({ claims: event.data.claims }));
    default:
      return ignoreUnknown(event, state);
  }
};

// Compile time: every event type is handled above. Run time: a type from a newer release is skipped.
const ignoreUnknown = (_event: never, state: UserQuestsState): UserQuestsState => state;

/** Folds a stream from the start: what a rebuild computes. */
export const replay = (events: Iterable<QuestEvent>): UserQuestsState => {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
};
