import type { TenantDb } from "@questline/kit/storage/types";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { storedAnswerQuery } from "./statements";

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
