import type { Upstreams } from "./routes";

const PROBE_TIMEOUT_MS = 2000;

async function probe(baseUrl: string): Promise<string> {
  try {
    const response = await fetch(`${baseUrl}/ready`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? "ok" : `not ready (${response.status})`;
  } catch (error) {
    return error instanceof DOMException && error.name === "TimeoutError"
      ? `no answer within ${PROBE_TIMEOUT_MS} ms`
      : "unreachable";
  }
}

/** Each upstream's own `/ready`, asked at once: "ok" or what is wrong (the gateway's readiness). */
export function upstreamReadiness(upstreams: Upstreams) {
  return async (): Promise<Record<string, string>> => {
    const entries = Object.entries(upstreams);
    const results = await Promise.all(entries.map(([, url]) => probe(url)));
    return Object.fromEntries(entries.map(([name], index) => [name, results[index] ?? "unknown"]));
  };
}
