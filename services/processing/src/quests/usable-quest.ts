/**
 * Whether a quest from the catalog can be applied here: the catalog refuses bad definitions, but a
 * row written by hand or another release could still arrive, and one bad quest must not stop
 * tracking for the tenant (a zone Intl does not know would make every action of the tenant fail;
 * a reward the wallet refuses would be claimed, then retried by the outbox forever). Such a quest
 * is left out of the copy, logged and counted.
 */
import { INT32_MAX } from "@questline/kit/http/numbers";
import { ITEM_PATTERN, MAX_GRANT_ITEMS, MAX_GRANT_QTY } from "@questline/kit/wallet-limits";
import type { QuestRules } from "../domain/quest-rules";

const inRange = (value: number, min: number, max: number) =>
  Number.isSafeInteger(value) && value >= min && value <= max;

function zoneIsKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why `quest` cannot be applied; empty when it can. */
export function unusableBecause(quest: QuestRules): string[] {
  const problems: string[] = [];
  if (quest.name === "") problems.push("the quest has no name");
  if (!inRange(quest.target, 1, INT32_MAX)) problems.push(`target ${quest.target} is out of range`);
  if (quest.maxCompletions !== null && !inRange(quest.maxCompletions, 1, INT32_MAX)) {
    problems.push(`max_completions ${quest.maxCompletions} is out of range`);
  }
  if (!zoneIsKnown(quest.timezone)) problems.push(`timezone "${quest.timezone}" is unknown`);
  if (quest.rewards.length < 1 || quest.rewards.length > MAX_GRANT_ITEMS) {
    problems.push(`${quest.rewards.length} rewards (1 to ${MAX_GRANT_ITEMS})`);
  }
  for (const { item, qty } of quest.rewards) {
    if (!ITEM_PATTERN.test(item)) problems.push(`reward item "${item}" is not an item name`);
    if (!inRange(qty, 1, MAX_GRANT_QTY)) problems.push(`reward ${item} qty ${qty} is out of range`);
  }
  return problems;
}
