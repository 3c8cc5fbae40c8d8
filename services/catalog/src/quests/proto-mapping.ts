import { create } from "@bufbuild/protobuf";
import {
  Cadence,
  type Quest as QuestMessage,
  QuestSchema,
  QuestStatus,
} from "@questline/proto/catalog/v1/catalog_pb";
import type { Quest } from "./quest";

const cadences = { any: Cadence.ANY, daily: Cadence.DAILY } as const;
const statuses = {
  draft: QuestStatus.DRAFT,
  published: QuestStatus.PUBLISHED,
  archived: QuestStatus.ARCHIVED,
} as const;

/** The wire form of a quest for `QuestCatalogService`. */
export function toQuestMessage(quest: Quest): QuestMessage {
  return create(QuestSchema, {
    id: BigInt(quest.id),
    name: quest.name,
    title: quest.title,
    description: quest.description,
    trigger: quest.trigger,
    target: quest.target,
    cadence: cadences[quest.cadence],
    consecutive: quest.consecutive,
    timezone: quest.timezone,
    maxCompletions: quest.maxCompletions ?? undefined,
    autoClaim: quest.autoClaim,
    autoStart: quest.autoStart,
    rewards: quest.rewards.map((reward) => ({ item: reward.item, qty: reward.qty })),
    startsAt: quest.startsAt?.toISOString(),
    endsAt: quest.endsAt?.toISOString(),
    status: statuses[quest.status],
    version: quest.version,
  });
}
