/**
 * The driver's error code of a failed query, looked up through the cause chain: Drizzle wraps
 * Postgres errors (`.cause.code`), SQLite's `SQLiteError` carries its own `.code`.
 */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = "code" in current ? current.code : undefined;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}
