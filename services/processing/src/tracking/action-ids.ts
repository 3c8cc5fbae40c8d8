import { createHash } from "node:crypto";

/** Sign-ins and sign-ups are reported by auth and by the client with this id: they count once. */
export const SESSION_ACTIONS = ["signin", "signup"] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

export const isSessionAction = (action: string): action is SessionAction =>
  (SESSION_ACTIONS as readonly string[]).includes(action);

/** `signin:<session id>`: the id of the sign-in (or sign-up) that began a token's session. */
export const sessionActionId = (action: SessionAction, sessionId: string): string =>
  `${action}:${sessionId}`;

const SESSION_ID = /^(signin|signup):[\x21-\x7e]{1,120}$/;

// A user's key only has to be unique for that user, but action and claim ids become wallet grant
// ids, which are unique per tenant: scope the key to the user, with a fixed length.
const scoped = (prefix: string, userId: string, key: string): string =>
  `${prefix}:${createHash("sha256").update(`${userId}\n${key}`).digest("hex").slice(0, 32)}`;

/**
 * The action id of a tracked action: `signin:<session>` / `signup:<session>` as reported, an id derived
 * from the user's idempotency key, or a fresh one when there is no key (each call is new).
 */
export function actionIdFor(userId: string, key: string | null): string {
  if (key === null) return `action:${crypto.randomUUID()}`;
  return SESSION_ID.test(key) ? key : scoped("action", userId, key);
}

/** The claim id (and wallet grant id): stable for one user's `Idempotency-Key`, fresh otherwise. */
export function claimIdFor(userId: string, key: string | null): string {
  return key === null ? `claim:${crypto.randomUUID()}` : scoped("claim", userId, key);
}
