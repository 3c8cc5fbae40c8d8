/**
 * The slice of a catalog quest definition that the progress rules read. The edge builds it from the
 * catalog's copy (REST, RPC or watch stream); the domain never fetches it.
 */
export type Cadence = "any" | "daily";

export type QuestStatus = "draft" | "published" | "archived";

export interface Reward {
  readonly item: string;
  readonly qty: number;
}

export interface QuestRules {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly trigger: string;
  readonly target: number;
  readonly cadence: Cadence;
  readonly consecutive: boolean;
  /** IANA zone that decides where a calendar day starts and ends for `daily` quests. */
  readonly timezone: string;
  readonly maxCompletions: number | null;
  readonly autoClaim: boolean;
  readonly autoStart: boolean;
  readonly rewards: readonly Reward[];
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly status: QuestStatus;
}

/** The quest definitions a command is decided with, by quest name. */
export type QuestBook = ReadonlyMap<string, QuestRules>;

/** Indexes definitions by name; later entries win, like a newer catalog version would. */
export const questBook = (quests: Iterable<QuestRules>): QuestBook =>
  new Map(Array.from(quests, (quest) => [quest.name, quest] as const));

/** Players see, start and claim published quests only. */
export const isPublished = (quest: QuestRules): boolean => quest.status === "published";

/** The window is half-open: `startsAt` counts, `endsAt` no longer does. */
export const isWithinWindow = (quest: QuestRules, now: Date): boolean =>
  (quest.startsAt === null || now.getTime() >= quest.startsAt.getTime()) &&
  (quest.endsAt === null || now.getTime() < quest.endsAt.getTime());

/** True once every completion the quest allows has been earned. */
export const hasReachedMax = (quest: QuestRules, completions: number): boolean =>
  quest.maxCompletions !== null && completions >= quest.maxCompletions;
