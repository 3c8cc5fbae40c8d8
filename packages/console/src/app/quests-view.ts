/** The player's quests: the published ones from the catalog's watch, with the player's progress. */
import { type Quest, QuestStatus } from "@questline/proto/catalog/v1/catalog_pb";
import { h, region, replaceContent } from "./dom";
import type { ConsoleState, QuestProgress } from "./store";

export interface QuestActions {
  claim: (questName: string) => void;
  start: (questName: string) => void;
}

const rewardsText = (quest: Quest) =>
  quest.rewards.map((reward) => `${reward.qty} ${reward.item}`).join(", ");

const STATUS_TEXT: Record<QuestProgress["status"], string> = {
  in_progress: "In progress",
  claimable: "Reward ready",
  completed: "Completed",
};

function limitText(quest: Quest, progress: QuestProgress | undefined): string {
  const done = progress?.completions ?? 0;
  const claimed = progress?.claims ?? 0;
  const limit = quest.maxCompletions === undefined ? "" : ` of ${quest.maxCompletions}`;
  return `Completed ${done}${limit} · claimed ${claimed}`;
}

function questCard(
  quest: Quest,
  progress: QuestProgress | undefined,
  state: ConsoleState,
  actions: QuestActions,
) {
  const progressId = `progress-${quest.name}`;
  // Every card has a "Claim": the card's title tells a screen reader which quest it claims.
  const titleId = `title-${quest.name}`;
  const value = progress?.progress ?? 0;
  const needsStart = !quest.autoStart && progress?.started !== true;
  return h(
    "li",
    { class: "card quest", "data-quest": quest.name, "aria-labelledby": titleId },
    h("h3", { id: titleId }, quest.title),
    quest.description && h("p", {}, quest.description),
    h("p", { class: "reward" }, `Reward: ${rewardsText(quest)}`),
    h(
      "label",
      { for: progressId },
      "Progress ",
      h("span", { class: "count" }, `${value} / ${quest.target}`),
    ),
    h("progress", { id: progressId, max: quest.target, value }),
    h(
      "p",
      { class: "meta" },
      `${STATUS_TEXT[progress?.status ?? "in_progress"]} · ${limitText(quest, progress)}`,
    ),
    progress?.claimable === true &&
      h(
        "button",
        {
          type: "button",
          "aria-describedby": titleId,
          disabled: state.busy,
          onclick: () => actions.claim(quest.name),
        },
        "Claim",
      ),
    needsStart &&
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          "aria-describedby": titleId,
          disabled: state.busy,
          onclick: () => actions.start(quest.name),
        },
        "Start",
      ),
  );
}

/** Renders the player's quest cards into `#quest-list`. */
export function renderQuests(state: ConsoleState, actions: QuestActions): void {
  const published = state.quests.filter((quest) => quest.status === QuestStatus.PUBLISHED);
  const list = region("quest-list");
  if (published.length === 0) {
    replaceContent(list, h("li", { class: "empty" }, "No quests yet."));
    return;
  }
  replaceContent(
    list,
    ...published.map((quest) => questCard(quest, state.progress.get(quest.name), state, actions)),
  );
}
