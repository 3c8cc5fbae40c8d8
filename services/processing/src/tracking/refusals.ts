/**
 * The one place a domain refusal gets a status: the kit's `AppError`, which the REST edge answers
 * as problem+json and the RPC edge as a Connect code. Every call into the decider (and the
 * progress views under it) from the application service goes through `refusalsAsAppErrors`.
 */
import { AppError, conflict, notFound } from "@questline/kit/errors";
import { type QuestRefusal, QuestRefused } from "../domain/refusals";

const unhandled = (refusal: never): never => {
  throw new Error(`unmapped refusal ${JSON.stringify(refusal)}`);
};

export function toAppError(refusal: QuestRefusal, cause?: unknown): AppError {
  switch (refusal.type) {
    case "NotFound":
      return notFound(refusal.code, refusal.message);
    case "IllegalState":
      return conflict(refusal.code, refusal.message);
    case "InvalidDefinition":
      // The catalog's data, not the caller's request, is at fault.
      return new AppError("internal", refusal.code, refusal.message, { cause });
    default:
      return unhandled(refusal);
  }
}

/** Runs `work`; a refusal it throws comes out as its `AppError`, anything else unchanged. */
export async function refusalsAsAppErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QuestRefused) throw toAppError(error.refusal, error);
    throw error;
  }
}
