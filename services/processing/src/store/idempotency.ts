import type { TenantDb } from "@questline/kit/storage/types";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { storeAnswerQuery, storedAnswerQuery } from "./statements";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];

/** Which request kind a key belongs to: actions and claims keep separate key spaces. */
export type KeyKind = "action" | "claim";

export interface IdempotencyKey {
  kind: KeyKind;
  key: string;
}

/** The answer stored for `key` in the user's stream, if any. */
export async function storedAnswer(
  store: Store,
  db: Db,
  streamId: string,
  key: IdempotencyKey,
): Promise<StoredAnswer | undefined> {
  const [row] = await storedAnswerQuery[key.kind](store, db).execute({
    tenantId: store.tenantId,
    streamId,
    key: key.key,
  });
  return row?.answer;
}

/** Records the answer; a concurrent first use of the same key fails on the primary key. */
export async function storeAnswer(
  store: Store,
  tx: Db,
  streamId: string,
  key: IdempotencyKey,
  answer: StoredAnswer,
  now: Date,
): Promise<void> {
  await storeAnswerQuery[key.kind](store, tx).execute({
    tenantId: store.tenantId,
    streamId,
    key: key.key,
    answer,
    createdAt: now,
  });
}
