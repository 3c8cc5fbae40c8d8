/**
 * Who may read `/metrics`: with `METRICS_TOKEN` set, a caller sending it as a bearer token (what
 * Prometheus's `authorization.credentials_file` does); without one, loopback callers only (a
 * developer, the bench, a sidecar). The gateway is public, so its counters, routes and memory must
 * not be; the other services follow the same rule so no deployment depends on a network policy
 * alone (see docs/deploy.md).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { unauthenticated } from "../errors";
import { normalizeAddress, type PeerSource } from "./client-address";

const digest = (text: string) => createHash("sha256").update(text).digest();

const isLoopback = (address: string | undefined): boolean => {
  if (address === undefined) return false;
  const plain = normalizeAddress(address);
  return plain === "::1" || /^127\.\d+\.\d+\.\d+$/.test(plain);
};

/** Throws 401 `metrics_token_required` unless the caller may read the metrics. */
export function metricsAccess(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return (request: Request, server: PeerSource | null): void => {
    const allowed =
      expected === undefined
        ? isLoopback(server?.requestIP(request)?.address)
        : timingSafeEqual(digest(request.headers.get("authorization") ?? ""), expected);
    if (!allowed) {
      throw unauthenticated(
        token === undefined
          ? "/metrics answers loopback callers only (set METRICS_TOKEN to scrape it from elsewhere)"
          : "/metrics needs authorization: Bearer <METRICS_TOKEN>",
        "metrics_token_required",
      );
    }
  };
}
