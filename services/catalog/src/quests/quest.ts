import { AppError, conflict } from "@questline/kit/errors";
import { validateDraft } from "./quest-rules";

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
