/** The admin's catalog: every quest of the tenant (drafts and archived too) with its actions. */
import { type Quest, QuestStatus } from "@questline/proto/catalog/v1/catalog_pb";
import { callAsUser } from "./authed-api";
import { h, region, replaceContent } from "./dom";
import { NEW_QUEST, valuesOf } from "./quest-fields";
import { openQuestForm } from "./quest-form";
import { announce, describeError } from "./status";
import type { ConsoleState } from "./store";

const STATUS_NAMES: Record<QuestStatus, string> = {
  [QuestStatus.UNSPECIFIED]: "unknown",
  [QuestStatus.DRAFT]: "draft",
  [QuestStatus.PUBLISHED]: "published",
  [QuestStatus.ARCHIVED]: "archived",
};

const closeEditor = () => replaceContent(region("quest-editor"));

function changeStatus(quest: Quest, change: "publish" | "archive"): void {
  const request =
    change === "publish"
      ? callAsUser(`/api/v1/quest/${quest.id}/publish`, { method: "POST" })
      : callAsUser(`/api/v1/quest/${quest.id}`, { method: "DELETE" });
  request.then(
    () => announce(`Quest ${quest.name} ${change === "publish" ? "published" : "archived"}`),
    (error: unknown) => announce(describeError(error), "error"),
  );
}

function questRow(quest: Quest) {
  const status = STATUS_NAMES[quest.status];
  const edit = () =>
    openQuestForm(
      { kind: "update", id: quest.id, version: quest.version },
      valuesOf(quest),
      closeEditor,
    );
  return h(
    "li",
    { class: "admin-quest", "data-admin-quest": quest.name },
    h("span", { class: "name" }, h("strong", {}, quest.title), ` ${quest.name}`),
    h("span", { class: `badge ${status}` }, `${status} · v${quest.version}`),
    h(
      "span",
      { class: "buttons" },
      h(
        "button",
        { type: "button", class: "secondary", "aria-label": `Edit ${quest.name}`, onclick: edit },
        "Edit",
      ),
      quest.status !== QuestStatus.PUBLISHED &&
        h(
          "button",
          {
            type: "button",
            "aria-label": `Publish ${quest.name}`,
            onclick: () => changeStatus(quest, "publish"),
          },
          "Publish",
        ),
      quest.status !== QuestStatus.ARCHIVED &&
        h(
          "button",
          {
            type: "button",
            class: "danger",
            "aria-label": `Archive ${quest.name}`,
            onclick: () => changeStatus(quest, "archive"),
          },
          "Archive",
        ),
    ),
  );
}

/** Renders the admin's quest list into `#admin-quests`. */
export function renderAdmin(state: ConsoleState): void {
  replaceContent(region("admin-quests"), ...state.quests.map(questRow));
}

/** Wires the "New quest" button once. */
export function setUpAdmin(): void {
  region("new-quest").addEventListener("click", () =>
    openQuestForm({ kind: "create" }, NEW_QUEST, closeEditor),
  );
}
