/**
 * Service tokens for calls between services: a client-credentials exchange with auth
 * (`POST /api/v1/auth/token`), cached until shortly before it expires, shared by concurrent callers.
 */
import { unavailable } from "./errors";

/** Anything that hands out a bearer token for outgoing calls. */
export interface TokenSource {
  token(): Promise<string>;
}

export interface ServiceTokenOptions {
  /** Auth's HTTP base URL, e.g. `http://127.0.0.1:8001`. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  /** Renew this long before expiry (default 30 s, at most half the lifetime). */
  renewBeforeMs?: number;
  /** Per-request timeout (default 5 s). */
  timeoutMs?: number;
}

interface CachedToken {
  value: string;
  renewAt: number;
}

function isTokenAnswer(body: unknown): body is { access_token: string; expires_in: number } {
  return (
    typeof body === "object" &&
    body !== null &&
    "access_token" in body &&
    typeof body.access_token === "string" &&
    "expires_in" in body &&
    typeof body.expires_in === "number"
  );
}

/** A token source backed by auth's client-credentials grant. */
export function createServiceTokenSource(options: ServiceTokenOptions): TokenSource {
  const endpoint = new URL("/api/v1/auth/token", options.authUrl).toString();
  const renewBeforeMs = options.renewBeforeMs ?? 30_000;
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (cause) {
      throw unavailable("auth_unreachable", `Auth did not answer at ${endpoint}: ${String(cause)}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || !isTokenAnswer(body)) {
      throw unavailable(
        "service_token_refused",
        `Auth refused a service token (${response.status})`,
      );
    }
    const lifetimeMs = body.expires_in * 1000;
    const renewAt = Date.now() + lifetimeMs - Math.min(renewBeforeMs, lifetimeMs / 2);
    cached = { value: body.access_token, renewAt };
    return body.access_token;
  }

  return {
    token() {
      if (cached && Date.now() < cached.renewAt) return Promise.resolve(cached.value);
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
