import { AppError, conflict, invalid } from "@questline/kit/errors";

/** The catalog's domain: what a quest definition is and which changes to it are legal. Pure. */
export type Cadence = "any" | "daily";
export type QuestStatus = "draft" | "published" | "archived";

export interface Reward {
  item: string;
  qty: number;
}

export interface Quest {
  id: number;
  name: string;
  title: string;
  description: string;
  trigger: string;
  target: number;
  cadence: Cadence;
  consecutive: boolean;
  timezone: string;
  maxCompletions: number | null;
  autoClaim: boolean;
  autoStart: boolean;
  rewards: Reward[];
  startsAt: Date | null;
  endsAt: Date | null;
  status: QuestStatus;
  version: number;
}

/** The fields an admin sets; id, status and version are the catalog's to manage. */
export type QuestDraft = Omit<Quest, "id" | "status" | "version">;
export type QuestChanges = Partial<Omit<QuestDraft, "name">>;

export const QUEST_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const TRIGGER_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;
export const ITEM_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;
export const MAX_REWARDS = 10;

const zoneIsKnown = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Checks the rules of docs/reference/quests.md no schema can express; a 422 names the field. */
export function validateDraft(draft: QuestDraft): QuestDraft {
  if (!QUEST_NAME_PATTERN.test(draft.name)) {
    throw invalid("name", "name must be a lowercase slug of letters, digits and dashes (1-64)");
  }
  if (!TRIGGER_PATTERN.test(draft.trigger)) {
    throw invalid("trigger", `trigger must match ${TRIGGER_PATTERN.source}`);
  }
  if (!Number.isInteger(draft.target) || draft.target < 1) {
    throw invalid("target", "target must be an integer ≥ 1");
  }
  if (draft.consecutive && draft.cadence !== "daily") {
    throw invalid("consecutive", "consecutive applies to daily quests only");
  }
  if (!zoneIsKnown(draft.timezone)) {
    throw invalid("timezone", `timezone "${draft.timezone}" is not an IANA time zone`);
  }
  if (
    draft.maxCompletions !== null &&
    (!Number.isInteger(draft.maxCompletions) || draft.maxCompletions < 1)
  ) {
    throw invalid(
      "max_completions",
      "max_completions must be an integer ≥ 1, or null for unlimited",
    );
  }
  validateRewards(draft.rewards);
  if (draft.startsAt && draft.endsAt && draft.startsAt.getTime() >= draft.endsAt.getTime()) {
    throw invalid("ends_at", "ends_at must be later than starts_at");
  }
  return draft;
}

function validateRewards(rewards: Reward[]): void {
  if (rewards.length < 1 || rewards.length > MAX_REWARDS) {
    throw invalid("rewards", `a quest grants 1 to ${MAX_REWARDS} rewards`);
  }
  const seen = new Set<string>();
  rewards.forEach((reward, index) => {
    if (!ITEM_PATTERN.test(reward.item)) {
      throw invalid(`rewards/${index}/item`, `item must match ${ITEM_PATTERN.source}`);
    }
    if (!Number.isInteger(reward.qty) || reward.qty < 1) {
      throw invalid(`rewards/${index}/qty`, "qty must be an integer ≥ 1");
    }
    if (seen.has(reward.item)) {
      throw invalid(`rewards/${index}/item`, `item "${reward.item}" is listed twice`);
    }
    seen.add(reward.item);
  });
}

/** Applies an admin's edit: the result is validated and one version newer. */
export function applyChanges(quest: Quest, changes: QuestChanges): Quest {
  const { id, status, version, ...current } = quest;
  const next = validateDraft({ ...current, ...changes });
  return { ...next, id, status, version: version + 1 };
}

const transitions: Record<QuestStatus, readonly QuestStatus[]> = {
  draft: ["published", "archived"],
  published: ["archived"],
  archived: ["published"],
};

/** Moves a quest to `status`, one version newer; an illegal move is a 409 `invalid_transition`. */
export function transition(quest: Quest, status: QuestStatus): Quest {
  if (!transitions[quest.status].includes(status)) {
    throw conflict("invalid_transition", `A ${quest.status} quest cannot become ${status}`);
  }
  return { ...quest, status, version: quest.version + 1 };
}

/** Checks an optimistic-concurrency precondition given by the client. */
export function assertVersion(quest: Quest, expected: number | undefined): void {
  if (expected !== undefined && expected !== quest.version) {
    throw new AppError(
      "conflict",
      "version_conflict",
      `Quest ${quest.id} is at version ${quest.version}, not ${expected}`,
    );
  }
}

/** Players see published quests only; admins and services see every quest. */
export const visibleTo = (quest: Quest, seesAll: boolean): boolean =>
  seesAll || quest.status === "published";
