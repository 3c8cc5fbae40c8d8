import type { ClaimReward, QuestCommand, StartQuest, TrackAction } from "./commands";
import { countAction, stampFor } from "./counting";
import type { QuestEvent } from "./events";
import { hasReachedMax, isPublished, type QuestBook, type QuestRules } from "./quest-rules";
import { QuestRefused, questNotFound } from "./refusals";
import { type QuestProgress, questProgress, type UserQuestsState } from "./state";

/** Players only see published quests: anything else is as unknown as a name never defined. */
const publishedQuest = (quests: QuestBook, questName: string): QuestRules => {
  const quest = quests.get(questName);
  if (quest === undefined || !isPublished(quest)) throw questNotFound(questName);
  return quest;
};

/** Every action is logged; each published quest it triggers may count it. */
const trackAction = (command: TrackAction, state: UserQuestsState): QuestEvent[] => {
  const tracked: QuestEvent = {
    type: "ActionTracked",
    data: { action: command.action, actionId: command.actionId },
    questVersion: null,
    occurredAt: command.now,
  };
  const counted = Array.from(command.quests.values())
    .filter((quest) => quest.trigger === command.action)
    .flatMap((quest) => countAction(quest, questProgress(state, quest.name), command));
  return [tracked, ...counted];
};

/** Starting is idempotent: a started quest yields no events. */
const startQuest = (command: StartQuest, state: UserQuestsState): QuestEvent[] => {
  const quest = publishedQuest(command.quests, command.questName);
  if (questProgress(state, quest.name).started) return [];
  return [
    { type: "QuestStarted", data: { questName: quest.name }, ...stampFor(quest, command.now) },
  ];
};

const claimRefusal = (quest: QuestRules, standing: QuestProgress): QuestRefused => {
  const refused = (code: "not_completed" | "max_claimed" | "already_claimed", message: string) =>
    new QuestRefused({ type: "IllegalState", code, message });
  if (standing.completions === 0) return refused("not_completed", "Quest not completed yet");
  if (hasReachedMax(quest, standing.claims)) {
    return refused("max_claimed", "Reward has already been claimed the maximum number of times");
  }
  return refused("already_claimed", "Every completion of this quest has already been claimed");
};

/** A claim takes the oldest unclaimed completion; without one it is refused with the reason. */
const claimReward = (command: ClaimReward, state: UserQuestsState): QuestEvent[] => {
  const quest = publishedQuest(command.quests, command.questName);
  const standing = questProgress(state, quest.name);
  if (standing.claims >= standing.completions) throw claimRefusal(quest, standing);
  return [
    {
      type: "RewardClaimed",
      data: {
        questName: quest.name,
        claimId: command.claimId,
        claims: standing.claims + 1,
        rewards: quest.rewards,
      },
      ...stampFor(quest, command.now),
    },
  ];
};

// Compile time: every command type is handled. Run time: an edge passed something else (a bug,
// not a refusal).
const unknownCommand = (_command: never): never => {
  throw new Error("The processing domain got an unknown command");
};

/** The rules of docs/reference/progress.md: the events `command` causes; throws `QuestRefused`. */
export const decide = (command: QuestCommand, state: UserQuestsState): QuestEvent[] => {
  switch (command.type) {
    case "TrackAction":
      return trackAction(command, state);
    case "StartQuest":
      return startQuest(command, state);
    case "ClaimReward":
      return claimReward(command, state);
    default:
      return unknownCommand(command);
  }
};
