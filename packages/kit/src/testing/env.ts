/** Where the test suites find their services; CI points these at its own instances. */
export const postgresUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const redisUrl = (): string => process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const NOT_CI = new Set(["", "0", "false", "no", "off"]);

/**
 * Whether this run is CI's: `CI` set to anything but an explicit no (`1`, `true` and `yes` all
 * count, as CI services set it differently). Under CI a suite that cannot run fails.
 */
export function isCI(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI;
  return value !== undefined && !NOT_CI.has(value.trim().toLowerCase());
}

/**
 * Turns a probe into what a suite's variant needs to know: nothing when `available`, otherwise why
 * it cannot run here (`Postgres not reachable at …`), for `describeEach` to report.
 */
export function missingUnless(available: boolean, name: string, where: string): string | undefined {
  return available ? undefined : `${name} not reachable at ${redact(where)}`;
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
