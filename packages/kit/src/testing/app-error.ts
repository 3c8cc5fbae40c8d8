import { AppError } from "../errors";

/**
 * The AppError a call is refused with: `run` is called (or the promise awaited) and what it throws
 * is returned. Anything else thrown is rethrown as is, and a call that succeeds fails the test.
 * Synchronous when `run` is.
 */
export function appErrorOf<S extends Subject>(subject: S): Refusal<S>;
export function appErrorOf(subject: Subject): AppError | Promise<AppError> {
  let outcome: unknown;
  try {
    outcome = typeof subject === "function" ? subject() : subject;
  } catch (error) {
    return asAppError(error);
  }
  if (isPromiseLike(outcome)) {
    return Promise.resolve(outcome).then(succeeded, (error: unknown) => asAppError(error));
  }
  return succeeded();
}

type Subject = PromiseLike<unknown> | (() => unknown);

/** A promise of the AppError for a promise or an async function; the AppError itself otherwise. */
type Refusal<S> =
  S extends PromiseLike<unknown>
    ? Promise<AppError>
    : S extends () => infer R
      ? [R] extends [never]
        ? AppError
        : R extends PromiseLike<unknown>
          ? Promise<AppError>
          : AppError
      : never;

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}

function succeeded(): never {
  throw new Error("expected an AppError, but the call succeeded");
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";
