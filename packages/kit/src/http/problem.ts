/**
 * The one mapping from errors to RFC 9457 problem+json responses (SPEC §7). Elysia's own error
 * bodies are not used: they differ by NODE_ENV and leak values, so every error passes through here.
 */
import type { ValueError } from "@sinclair/typebox/errors";
import { NotFoundError, ParseError, ValidationError } from "elysia";
import { AppError, isAppError } from "../errors";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  request_id?: string;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** JSON type names as TypeBox writes them in `schema.type`. */
const jsonTypeOf = (value: unknown): string[] => {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number")
    return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
};

/**
 * The most telling message of a failure. Elysia wraps numbers in a union with their string form,
 * whose own message ("Expected union value") says nothing: take the branch of the value's type.
 */
function messageOf(error: ValueError): string {
  const branches = error.errors.flatMap((iterator) => {
    const first = iterator.First();
    return first === undefined ? [] : [first];
  });
  const types = jsonTypeOf(error.value);
  const matching = branches.find((branch) => types.includes(String(branch.schema.type)));
  return matching === undefined ? error.message : messageOf(matching);
}

/** A ValidationError's details are iterators, readable once: remember what they said. */
const mapped = new WeakMap<ValidationError, AppError>();

function validationProblem(error: ValidationError): AppError {
  const known = mapped.get(error);
  if (known !== undefined) return known;
  const valueError = error.valueError;
  const field = valueError?.path.replace(/^\//, "") || undefined;
  const message = valueError === undefined ? "does not match the schema" : messageOf(valueError);
  const detail =
    field === undefined
      ? `Invalid ${error.type}: ${message}`
      : `Invalid ${error.type} field "${field}": ${message}`;
  const appError = new AppError("validation", "validation_failed", detail, { field });
  mapped.set(error, appError);
  return appError;
}

/** The AppError an error stands for; `undefined` when it is unexpected (a bug). */
export function asAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
  // A response that breaks its own schema is our bug, not the caller's: it stays a 500.
  if (error instanceof ValidationError && error.type !== "response")
    return validationProblem(error);
  if (error instanceof ParseError) {
    // Elysia wraps whatever the body parser threw: our parser throws the precise problem.
    if (isAppError(error.cause)) return error.cause;
    return new AppError("bad_request", "malformed_json", "The request body is not valid JSON");
  }
  if (error instanceof NotFoundError) {
    return new AppError("not_found", "route_not_found", "No route matches this method and path");
  }
  return undefined;
}

const internal = new AppError("internal", "internal", "Something went wrong on our side");

/** The problem body for an error: unexpected errors become a bare 500 that reveals nothing. */
export function problemOf(error: unknown, requestId?: string): Problem {
  const known = asAppError(error) ?? internal;
  const problem: Problem = {
    type: `urn:questline:problem:${known.code}`,
    title: known.title,
    status: known.status,
    detail: known.detail,
    code: known.code,
  };
  if (known.field !== undefined) problem.field = known.field;
  if (requestId !== undefined) problem.request_id = requestId;
  return problem;
}

/** A problem+json response for any error, with `retry-after` when the error names one. */
export function toProblem(error: unknown, requestId?: string): Response {
  const problem = problemOf(error, requestId);
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE });
  if (requestId !== undefined) headers.set("x-request-id", requestId);
  const retryAfter = isAppError(error) ? error.retryAfter : undefined;
  if (retryAfter !== undefined) headers.set("retry-after", String(Math.ceil(retryAfter)));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
