/** JSON values stored in the processing tables, shared by both schema twins. */

/** Event metadata (docs/reference/progress.md): quest version, idempotency key, request id. */
export interface EventMetadata {
  quest_version: number | null;
  idempotency_key: string | null;
  request_id: string | null;
}

export interface GrantItem {
  item: string;
  qty: number;
}

/** The answer an idempotent request got the first time, returned as is to every repeat. */
export type StoredAnswer = object;
