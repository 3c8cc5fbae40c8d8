import { invalid } from "@questline/kit/errors";
import { IDEMPOTENCY_KEY_PATTERN } from "./model";

const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/**
 * The request's idempotency key: the `Idempotency-Key` header, or a body field naming the same
 * thing (actions). Both given and different is a 422, never a silent pick.
 */
export function idempotencyKeyOf(header: string | undefined, bodyKey?: string): string | null {
  if (header !== undefined && !KEY.test(header)) {
    throw invalid("Idempotency-Key", "Idempotency-Key must be 1-128 printable ASCII characters");
  }
  if (header !== undefined && bodyKey !== undefined && header !== bodyKey) {
    throw invalid("idempotency_key", "idempotency_key and the Idempotency-Key header differ");
  }
  return bodyKey ?? header ?? null;
}
