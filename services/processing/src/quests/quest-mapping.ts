import {
  Cadence as CadenceMessage,
  type Quest as QuestMessage,
  QuestStatus as QuestStatusMessage,
} from "@questline/proto/catalog/v1/catalog_pb";
import type { Cadence, QuestRules, QuestStatus } from "../domain/quest-rules";

// An enum value this release does not know must never make a quest count actions.
const cadenceOf = (cadence: CadenceMessage): Cadence =>
  cadence === CadenceMessage.DAILY ? "daily" : "any";

const statusOf = (status: QuestStatusMessage): QuestStatus => {
  switch (status) {
    case QuestStatusMessage.PUBLISHED:
      return "published";
    case QuestStatusMessage.ARCHIVED:
      return "archived";
    default:
      return "draft";
  }
};

const instantOf = (value: string | undefined): Date | null =>
  value === undefined || value === "" ? null : new Date(value);

/** The rules the decider reads, from the catalog's wire form of a quest. */
export function toQuestRules(quest: QuestMessage): QuestRules {
  return {
    id: Number(quest.id),
    name: quest.name,
    version: quest.version,
    trigger: quest.trigger,
    target: quest.target,
    cadence: cadenceOf(quest.cadence),
    consecutive: quest.consecutive,
    timezone: quest.timezone || "UTC",
    maxCompletions: quest.maxCompletions ?? null,
    autoClaim: quest.autoClaim,
    autoStart: quest.autoStart,
    rewards: quest.rewards.map((reward) => ({ item: reward.item, qty: reward.qty })),
    startsAt: instantOf(quest.startsAt),
    endsAt: instantOf(quest.endsAt),
    status: statusOf(quest.status),
  };
}
