import type { Quest } from "./quest";
import { servingProblems } from "./quest-rules";

/** A quest as REST clients see it (SPEC §4): snake_case, instants as RFC 3339 strings. */
export interface QuestJson {
  id: number;
  name: string;
  title: string;
  description: string;
  trigger: string;
  target: number;
  cadence: Quest["cadence"];
  consecutive: boolean;
  timezone: string;
  max_completions: number | null;
  auto_claim: boolean;
  auto_start: boolean;
  rewards: Quest["rewards"];
  starts_at: string | null;
  ends_at: string | null;
  status: Quest["status"];
  version: number;
  /** Why a stored quest cannot be served; absent when it can. Only admins are shown such a quest. */
  problems?: string[];
}

export function toQuestJson(quest: Quest): QuestJson {
  const json = questFields(quest);
  const problems = servingProblems(quest);
  if (problems.length > 0) json.problems = problems;
  return json;
}

const questFields = (quest: Quest): QuestJson => ({
  id: quest.id,
  name: quest.name,
  title: quest.title,
  description: quest.description,
  trigger: quest.trigger,
  target: quest.target,
  cadence: quest.cadence,
  consecutive: quest.consecutive,
  timezone: quest.timezone,
  max_completions: quest.maxCompletions,
  auto_claim: quest.autoClaim,
  auto_start: quest.autoStart,
  rewards: quest.rewards,
  starts_at: quest.startsAt?.toISOString() ?? null,
  ends_at: quest.endsAt?.toISOString() ?? null,
  status: quest.status,
  version: quest.version,
});

export const fromQuestJson = (json: QuestJson): Quest => ({
  id: json.id,
  name: json.name,
  title: json.title,
  description: json.description,
  trigger: json.trigger,
  target: json.target,
  cadence: json.cadence,
  consecutive: json.consecutive,
  timezone: json.timezone,
  maxCompletions: json.max_completions,
  autoClaim: json.auto_claim,
  autoStart: json.auto_start,
  rewards: json.rewards,
  startsAt: json.starts_at === null ? null : new Date(json.starts_at),
  endsAt: json.ends_at === null ? null : new Date(json.ends_at),
  status: json.status,
  version: json.version,
});
