/** What a value is once it is known to be truthy. */
type Truthy<T> = Exclude<T, undefined | null | false | 0 | "">;

/** How `eventually` waits. */
export interface EventuallyOptions<T> {
  /** When the probed value is good enough (default: truthy). */
  accept?: (value: T) => boolean;
  /** How long to wait in all (default 10 s: generous, a shared machine is slow). */
  timeoutMs?: number;
  /** The pause between two probes (default 20 ms). */
  intervalMs?: number;
}

/**
 * Probes until the value is accepted and returns it: for what settles on its own time (a log line
 * written after the response, a peer catching up, an outbox delivering). Fails after `timeoutMs`
 * naming `what` and the last value seen. An error thrown by `probe` is not retried: it fails at once.
 */
export function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  options: EventuallyOptions<T> & { accept: (value: T) => boolean },
): Promise<T>;
export function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  options?: Omit<EventuallyOptions<T>, "accept">,
): Promise<Truthy<T>>;
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  options: EventuallyOptions<T> = {},
): Promise<T> {
  const accept = options.accept ?? Boolean;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${describe(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
