import { AppError } from "@questline/kit/errors";
import type { TenantDb } from "@questline/kit/storage/types";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { storedAnswerQuery } from "./statements";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];

/** Which request kind a key belongs to: actions and claims keep their keys in their own tables. */
export type KeyKind = "action" | "claim";

export interface IdempotencyKey {
  kind: KeyKind;
  key: string;
  /**
   * What the request asks (`action:<name>`, `claim:<quest>`). A key stands for one request: used
   * again for another, it is refused (Stripe's rule), never answered with the first answer.
   */
  request: string;
  /** The same client key as the other kind stores it: found there, it was used on another route. */
  elsewhere?: { kind: KeyKind; key: string };
}

/** An answer stored under a key, with the request it answered (null on rows from before). */
export interface StoredKey {
  answer: StoredAnswer;
  request: string | null;
}

/** The answer stored for `key` (of `kind`) in the user's stream, if any. */
export async function storedKey(
  store: Store,
  db: Db,
  streamId: string,
  key: { kind: KeyKind; key: string },
): Promise<StoredKey | undefined> {
  const [row] = await storedAnswerQuery[key.kind](store, db).execute({
    tenantId: store.tenantId,
    streamId,
    key: key.key,
  });
  return row;
}

/** 422 for a key that already stands for another request. */
export const keyReused = () =>
  new AppError(
    "validation",
    "idempotency_key_reused",
    "This idempotency key was used for another request; a new request needs a new key",
    { field: "Idempotency-Key" },
  );

/** Whether a stored key answers `key`'s request (a row from before requests were kept: yes). */
export const answersRequest = (stored: StoredKey, key: IdempotencyKey): boolean =>
  stored.request === null || stored.request === key.request;
