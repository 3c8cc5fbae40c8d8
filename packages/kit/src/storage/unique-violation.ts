import { errorCode } from "./error-code";

const uniqueCodes = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]);

/** True when a write failed on a unique key or primary key, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && uniqueCodes.has(code);
}
