/**
 * The system seen from outside for end-to-end tests: the kit's JSON calls through the gateway,
 * with sign-up and sign-in, and how long what settles asynchronously may take across processes.
 */
import { type JsonAnswer, jsonClient } from "@questline/kit/testing/json-client";

/** Whole systems of real processes on 2 shared cores: what settles may take a while. */
export const SETTLE_MS = 20_000;

export type Answer<T = unknown> = JsonAnswer<T>;

export function restClient(baseUrl: string) {
  const call = jsonClient(fetch, baseUrl);

  async function session(path: string, expected: number, body: object, tenant?: string) {
    const answer = await call<{ token: string; user_id: string }>("POST", path, { body, tenant });
    if (answer.status !== expected) {
      throw new Error(`${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  return {
    call,
    signUp: (userName: string, password: string, tenant?: string) =>
      session("/api/v1/auth/signup", 201, { user_name: userName, password }, tenant),
    signIn: (userName: string, password: string, tenant?: string) =>
      session("/api/v1/auth/signin", 200, { user_name: userName, password }, tenant),
  };
}

export interface QuestProgress {
  quest_name: string;
  progress: number;
  target: number;
  completions: number;
  claims: number;
  claimable: boolean;
  status: string;
}

export const uniqueName = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
