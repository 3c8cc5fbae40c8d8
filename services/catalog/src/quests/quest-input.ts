import { invalid } from "@questline/kit/errors";
import type { QuestCreateBody, QuestUpdateBody } from "./model";
import type { QuestChanges, QuestDraft } from "./quest";

/** Defaults of a new quest (documented in the README's quest model). */
export const QUEST_DEFAULTS = {
  description: "",
  cadence: "any",
  consecutive: false,
  timezone: "UTC",
  maxCompletions: 1,
  autoClaim: false,
  autoStart: true,
} as const;

function parseInstant(value: string | null | undefined, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(field, `${field} is not an RFC 3339 instant`);
  return date;
}

/** Turns a create request into a draft, filling the defaults. */
export function draftFromBody(body: QuestCreateBody): QuestDraft {
  return {
    name: body.name,
    title: body.title,
    description: body.description ?? QUEST_DEFAULTS.description,
    trigger: body.trigger,
    target: body.target,
    cadence: body.cadence ?? QUEST_DEFAULTS.cadence,
    consecutive: body.consecutive ?? QUEST_DEFAULTS.consecutive,
    timezone: body.timezone ?? QUEST_DEFAULTS.timezone,
    maxCompletions:
      body.max_completions === undefined ? QUEST_DEFAULTS.maxCompletions : body.max_completions,
    autoClaim: body.auto_claim ?? QUEST_DEFAULTS.autoClaim,
    autoStart: body.auto_start ?? QUEST_DEFAULTS.autoStart,
    rewards: body.rewards,
    startsAt: parseInstant(body.starts_at, "starts_at") ?? null,
    endsAt: parseInstant(body.ends_at, "ends_at") ?? null,
  };
}

/** Turns an update request into the changes it names; absent fields stay as they are. */
export function changesFromBody(body: QuestUpdateBody): QuestChanges {
  const changes: QuestChanges = {};
  if (body.title !== undefined) changes.title = body.title;
  if (body.description !== undefined) changes.description = body.description;
  if (body.trigger !== undefined) changes.trigger = body.trigger;
  if (body.target !== undefined) changes.target = body.target;
  if (body.cadence !== undefined) changes.cadence = body.cadence;
  if (body.consecutive !== undefined) changes.consecutive = body.consecutive;
  if (body.timezone !== undefined) changes.timezone = body.timezone;
  if (body.max_completions !== undefined) changes.maxCompletions = body.max_completions;
  if (body.auto_claim !== undefined) changes.autoClaim = body.auto_claim;
  if (body.auto_start !== undefined) changes.autoStart = body.auto_start;
  if (body.rewards !== undefined) changes.rewards = body.rewards;
  const startsAt = parseInstant(body.starts_at, "starts_at");
  if (startsAt !== undefined) changes.startsAt = startsAt;
  const endsAt = parseInstant(body.ends_at, "ends_at");
  if (endsAt !== undefined) changes.endsAt = endsAt;
  return changes;
}
