/** Polls `url` until it answers 200; false when `timeoutMs` passed first or `stopped()` says so. */
export async function waitUntilReady(
  url: string,
  options: { timeoutMs: number; stopped: () => boolean },
): Promise<boolean> {
  const until = Date.now() + options.timeoutMs;
  while (Date.now() < until && !options.stopped()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await Bun.sleep(250);
  }
  return false;
}
