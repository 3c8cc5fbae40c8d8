/**
 * The signed-in user's tokens. Kept in `sessionStorage` (this tab only, gone when it closes) so a
 * reload does not sign out; the access token is renewed with the refresh token a minute before it
 * expires, and once more on demand when a call answers 401.
 */
import { callApi } from "./api";

export interface Session {
  tenant: string;
  userId: string;
  userName: string;
  token: string;
  refreshToken: string;
  roles: string[];
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
}

interface TokenPair {
  user_id: string;
  user_name: string;
  token: string;
  refresh_token: string;
}

const STORAGE_KEY = "questline.console.session";
const RENEW_AHEAD_MS = 60_000;
const MIN_RENEW_DELAY_MS = 5_000;

type Listener = (session: Session | null) => void;

let current: Session | null = load();
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<Session | null> | null = null;
const listeners = new Set<Listener>();

/** The claims the console reads from an access token (it never verifies: the servers do). */
function claimsOf(token: string): { roles: string[]; exp: number } {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  const claims = JSON.parse(json) as { roles?: unknown; exp?: unknown };
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  return { roles, exp: typeof claims.exp === "number" ? claims.exp : 0 };
}

function fromPair(tenant: string, pair: TokenPair): Session {
  const { roles, exp } = claimsOf(pair.token);
  return {
    tenant,
    userId: pair.user_id,
    userName: pair.user_name,
    token: pair.token,
    refreshToken: pair.refresh_token,
    roles,
    expiresAt: exp * 1000,
  };
}

function load(): Session | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored === null ? null : (JSON.parse(stored) as Session);
}

/** Renews the session a minute before its access token expires (soon, if it already has). */
function scheduleRenewal(session: Session): void {
  clearTimeout(renewTimer);
  const delay = Math.max(session.expiresAt - Date.now() - RENEW_AHEAD_MS, MIN_RENEW_DELAY_MS);
  renewTimer = setTimeout(() => void renewSession(), delay);
}

function setSession(session: Session | null): void {
  current = session;
  clearTimeout(renewTimer);
  if (session === null) sessionStorage.removeItem(STORAGE_KEY);
  else {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    scheduleRenewal(session);
  }
  for (const listener of listeners) listener(session);
}

// A session restored by a reload keeps being renewed like a fresh one.
if (current !== null) scheduleRenewal(current);

export const currentSession = (): Session | null => current;

export const isAdmin = (session: Session | null): boolean =>
  session?.roles.includes("admin") ?? false;

/** Calls `listener` now and on every sign-in, renewal and sign-out. */
export function onSessionChange(listener: Listener): void {
  listeners.add(listener);
  listener(current);
}

/** Signs up or in with a name and password; the new session replaces any other. */
export async function openSession(
  kind: "signup" | "signin",
  tenant: string,
  credentials: { user_name: string; password: string },
): Promise<Session> {
  const pair = await callApi<TokenPair>(`/api/v1/auth/${kind}`, { body: credentials, tenant });
  const session = fromPair(tenant, pair);
  setSession(session);
  return session;
}

/** Exchanges the refresh token for a new pair; a refused one ends the session. */
export function renewSession(): Promise<Session | null> {
  const session = current;
  if (session === null) return Promise.resolve(null);
  renewing ??= callApi<TokenPair>("/api/v1/auth/refresh", {
    body: { refresh_token: session.refreshToken },
    tenant: session.tenant,
  })
    .then((pair) => fromPair(session.tenant, pair))
    .catch(() => null)
    .then((renewed) => {
      renewing = null;
      setSession(renewed);
      return renewed;
    });
  return renewing;
}

/** Revokes the refresh token (best effort) and forgets the session. */
export async function closeSession(): Promise<void> {
  const session = current;
  setSession(null);
  if (session === null) return;
  await callApi("/api/v1/auth/signout", {
    body: { refresh_token: session.refreshToken },
    tenant: session.tenant,
  }).catch(() => undefined);
}
