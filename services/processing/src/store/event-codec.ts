import { AppError } from "@questline/kit/errors";
import { isQuestEventType, type QuestEvent } from "../domain/events";
import type { ProcessingTables } from "../schema";
import type { EventMetadata } from "../schema/values";

export type EventRow = ProcessingTables["events"]["$inferSelect"];
type NewEventRow = ProcessingTables["events"]["$inferInsert"];

/** What the store knows about an append besides the events: who asked, and under which key. */
export interface AppendContext {
  tenantId: string;
  streamId: string;
  idempotencyKey: string | null;
  requestId: string | null;
}

/** The row of `event` at `version` of its stream. */
export function toEventRow(
  event: QuestEvent,
  version: number,
  context: AppendContext,
): NewEventRow {
  const metadata: EventMetadata = {
    quest_version: event.questVersion,
    idempotency_key: context.idempotencyKey,
    request_id: context.requestId,
  };
  return {
    tenantId: context.tenantId,
    streamId: context.streamId,
    version,
    type: event.type,
    // The domain's event data is plain JSON by contract (events.ts).
    data: { ...event.data } as Record<string, unknown>,
    metadata,
    occurredAt: event.occurredAt,
  };
}

/** The domain event a stored row holds; a type this release does not know is a storage fault. */
export function toQuestEvent(row: EventRow): QuestEvent {
  if (!isQuestEventType(row.type)) {
    throw new AppError(
      "internal",
      "unknown_event_type",
      `Stored event type "${row.type}" is unknown`,
    );
  }
  // The row was written from a QuestEvent of this type by `toEventRow`.
  return {
    type: row.type,
    data: row.data,
    questVersion: row.metadata.quest_version,
    occurredAt: row.occurredAt,
  } as QuestEvent;
}
