/**
 * The admin form's fields, named exactly as the quest JSON (docs/reference/quests.md), so a
 * problem's `field` (e.g. `target`, `rewards/0/qty`) finds its input by name.
 */
import { Cadence, type Quest, QuestStatus } from "@questline/proto/catalog/v1/catalog_pb";

export type FieldKind = "text" | "textarea" | "number" | "checkbox" | "select";

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  hint?: string;
  /** Only a new quest sets it (a quest's name never changes; status has its own buttons). */
  createOnly?: boolean;
}

export const QUEST_FIELDS: readonly FieldSpec[] = [
  {
    name: "name",
    label: "Name",
    kind: "text",
    hint: "A slug, e.g. level-up-five",
    createOnly: true,
  },
  { name: "title", label: "Title", kind: "text" },
  { name: "description", label: "Description", kind: "textarea" },
  {
    name: "trigger",
    label: "Trigger action",
    kind: "text",
    hint: "signin, signup or an app action",
  },
  { name: "target", label: "Target", kind: "number", hint: "Counted actions per completion" },
  { name: "cadence", label: "Cadence", kind: "select", options: ["any", "daily"] },
  { name: "consecutive", label: "Consecutive days (daily only)", kind: "checkbox" },
  { name: "timezone", label: "Time zone", kind: "text", hint: "IANA zone, e.g. UTC" },
  { name: "max_completions", label: "Max completions", kind: "number", hint: "Empty: unlimited" },
  { name: "auto_claim", label: "Claim rewards automatically", kind: "checkbox" },
  { name: "auto_start", label: "Starts by itself", kind: "checkbox" },
  {
    name: "starts_at",
    label: "Starts at",
    kind: "text",
    hint: "Optional, e.g. 2026-01-01T00:00:00Z",
  },
  { name: "ends_at", label: "Ends at", kind: "text", hint: "Optional" },
  {
    name: "status",
    label: "Status",
    kind: "select",
    options: ["draft", "published"],
    createOnly: true,
  },
];

export type FieldValue = string | boolean;

export interface RewardValue {
  item: string;
  qty: string;
}

export interface QuestFormValues {
  fields: Record<string, FieldValue>;
  rewards: RewardValue[];
}

export const NEW_QUEST: QuestFormValues = {
  fields: {
    name: "",
    title: "",
    description: "",
    trigger: "signin",
    target: "1",
    cadence: "any",
    consecutive: false,
    timezone: "UTC",
    max_completions: "1",
    auto_claim: false,
    auto_start: true,
    starts_at: "",
    ends_at: "",
    status: "draft",
  },
  rewards: [{ item: "gold", qty: "10" }],
};

/** The form's values for an existing quest. */
export function valuesOf(quest: Quest): QuestFormValues {
  return {
    fields: {
      name: quest.name,
      title: quest.title,
      description: quest.description,
      trigger: quest.trigger,
      target: String(quest.target),
      cadence: quest.cadence === Cadence.DAILY ? "daily" : "any",
      consecutive: quest.consecutive,
      timezone: quest.timezone,
      max_completions: quest.maxCompletions === undefined ? "" : String(quest.maxCompletions),
      auto_claim: quest.autoClaim,
      auto_start: quest.autoStart,
      starts_at: quest.startsAt ?? "",
      ends_at: quest.endsAt ?? "",
      status: quest.status === QuestStatus.PUBLISHED ? "published" : "draft",
    },
    rewards: quest.rewards.map((reward) => ({ item: reward.item, qty: String(reward.qty) })),
  };
}

/**
 * A number typed as digits becomes a number; anything else goes to the server as typed, which
 * names the field in its 422 (the server is the one validator).
 */
const numberOrText = (value: string): number | string =>
  /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** The request body of a create (`forCreate`) or an update. */
export function bodyOf(values: QuestFormValues, forCreate: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of QUEST_FIELDS) {
    if (spec.createOnly === true && !forCreate) continue;
    const value = values.fields[spec.name] ?? "";
    if (typeof value === "boolean") body[spec.name] = value;
    else if (spec.name === "max_completions")
      body[spec.name] = value === "" ? null : numberOrText(value);
    else if (spec.name === "starts_at" || spec.name === "ends_at")
      body[spec.name] = value === "" ? null : value;
    else body[spec.name] = spec.kind === "number" ? numberOrText(value) : value;
  }
  body.rewards = values.rewards.map((reward) => ({
    item: reward.item,
    qty: numberOrText(reward.qty),
  }));
  return body;
}
