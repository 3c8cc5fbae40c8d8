import type { TenantDb } from "@questline/kit/storage/types";
import { and, eq } from "drizzle-orm";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];

/** Which request kind a key belongs to: actions and claims keep separate key spaces. */
export type KeyKind = "action" | "claim";

export interface IdempotencyKey {
  kind: KeyKind;
  key: string;
}

const tableOf = (store: Store, kind: KeyKind) =>
  kind === "action" ? store.tables.actionKeys : store.tables.claimKeys;

/** The answer stored for `key` in the user's stream, if any. */
export async function storedAnswer(
  store: Store,
  db: Db,
  streamId: string,
  key: IdempotencyKey,
): Promise<StoredAnswer | undefined> {
  const table = tableOf(store, key.kind);
  const [row] = await db
    .select({ answer: table.answer })
    .from(table)
    .where(
      and(eq(table.tenantId, store.tenantId), eq(table.streamId, streamId), eq(table.key, key.key)),
    )
    .limit(1);
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
  await tx.insert(tableOf(store, key.kind)).values({
    tenantId: store.tenantId,
    streamId,
    key: key.key,
    answer,
    createdAt: now,
  });
}
