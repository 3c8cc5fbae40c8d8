/** Where the test suites find their services; CI points these at its own instances. */
export const postgresUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const redisUrl = (): string => process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Turns the result of a probe into a test-suite decision: when the service is absent, one visible
 * notice line locally, a failure under CI (where its absence is a broken pipeline, not a choice).
 */
export function reportAvailability(name: string, url: string, available: boolean): boolean {
  if (available) return true;
  const notice = `SKIP: ${name} not reachable at ${redact(url)} — ${name} tests skipped`;
  if (process.env.CI === "true") throw new Error(`${notice}; CI requires ${name}`);
  console.warn(notice);
  return false;
}

/** Hides a password in a connection URL before it is printed. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
