/**
 * The rules of a quest definition that a schema cannot express, written once as a list of
 * problems: a write is refused with the first (a 422 naming the field); a stored quest with any
 * (a row written by hand or by an older release) is not served to watchers and players, and its
 * problems are shown to admins. Pure.
 */
import { invalid } from "@questline/kit/errors";
import { INT32_MAX } from "@questline/kit/http/numbers";
import { ITEM_PATTERN, MAX_GRANT_ITEMS, MAX_GRANT_QTY } from "@questline/kit/wallet-limits";
import type { Quest, QuestDraft } from "./quest";

export const QUEST_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const TRIGGER_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;

export interface QuestProblem {
  field: string;
  detail: string;
}

// Checked on every quest a read serves: building a formatter costs microseconds, a lookup nothing.
const knownZones = new Map<string, boolean>();
const MAX_KNOWN_ZONES = 1_000;

const zoneIsKnown = (zone: string): boolean => {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < MAX_KNOWN_ZONES) knownZones.set(zone, known);
  }
  return known;
};

/** An integer from `min` to `max`: the range of the proto `int32` and the Postgres `integer`. */
const inRange = (value: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

function rewardProblems(rewards: unknown): QuestProblem[] {
  if (!Array.isArray(rewards) || rewards.length < 1 || rewards.length > MAX_GRANT_ITEMS) {
    return [{ field: "rewards", detail: `a quest grants 1 to ${MAX_GRANT_ITEMS} rewards` }];
  }
  const problems: QuestProblem[] = [];
  const seen = new Set<unknown>();
  rewards.forEach((reward: unknown, index) => {
    const { item, qty } = (reward ?? {}) as Record<string, unknown>;
    if (typeof item !== "string" || !ITEM_PATTERN.test(item)) {
      problems.push({ field: `rewards/${index}/item`, detail: `item must match ${ITEM_PATTERN}` });
    } else if (seen.has(item)) {
      problems.push({ field: `rewards/${index}/item`, detail: `item "${item}" is listed twice` });
    }
    seen.add(item);
    if (!inRange(qty, 1, MAX_GRANT_QTY)) {
      problems.push({
        field: `rewards/${index}/qty`,
        detail: `qty must be an integer from 1 to ${MAX_GRANT_QTY} (the most one wallet grant holds)`,
      });
    }
  });
  return problems;
}

/** Every broken rule of a definition, in field order; empty when it is sound. */
export function draftProblems(draft: QuestDraft): QuestProblem[] {
  const problems: QuestProblem[] = [];
  const add = (field: string, detail: string) => problems.push({ field, detail });
  if (!QUEST_NAME_PATTERN.test(draft.name)) {
    add("name", "name must be a lowercase slug of letters, digits and dashes (1-64)");
  }
  if (!TRIGGER_PATTERN.test(draft.trigger)) {
    add("trigger", `trigger must match ${TRIGGER_PATTERN.source}`);
  }
  if (!inRange(draft.target, 1, INT32_MAX)) {
    add("target", `target must be an integer from 1 to ${INT32_MAX}`);
  }
  if (draft.consecutive && draft.cadence !== "daily") {
    add("consecutive", "consecutive applies to daily quests only");
  }
  if (!zoneIsKnown(draft.timezone)) {
    add("timezone", `timezone "${draft.timezone}" is not an IANA time zone`);
  }
  if (draft.maxCompletions !== null && !inRange(draft.maxCompletions, 1, INT32_MAX)) {
    add(
      "max_completions",
      `max_completions must be an integer from 1 to ${INT32_MAX}, or null for unlimited`,
    );
  }
  problems.push(...rewardProblems(draft.rewards));
  if (draft.startsAt && draft.endsAt && draft.startsAt.getTime() >= draft.endsAt.getTime()) {
    add("ends_at", "ends_at must be later than starts_at");
  }
  return problems;
}

/** Checks a definition before it is written; throws a 422 naming the first field at fault. */
export function validateDraft(draft: QuestDraft): QuestDraft {
  const [first] = draftProblems(draft);
  if (first !== undefined) throw invalid(first.field, first.detail);
  return draft;
}

/** Why a stored quest cannot be served to watchers and players (`field: detail`); [] when it can. */
export function servingProblems(quest: Quest): string[] {
  const problems = draftProblems(quest);
  if (!inRange(quest.version, 1, INT32_MAX)) {
    problems.push({ field: "version", detail: `version must be from 1 to ${INT32_MAX}` });
  }
  return problems.map(({ field, detail }) => `${field}: ${detail}`);
}
