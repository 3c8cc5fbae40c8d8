/**
 * A small REST client for end-to-end tests: JSON in and out through the gateway, with the bits a
 * test needs (tokens, tenants, idempotency keys) and `eventually` for what settles asynchronously.
 */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  tenant?: string;
  idempotencyKey?: string;
}

export function restClient(baseUrl: string) {
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.tenant) headers["x-tenant-id"] = options.tenant;
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  }

  async function signUp(userName: string, password: string, tenant?: string) {
    const answer = await call<{ token: string; user_id: string }>("POST", "/api/v1/auth/signup", {
      body: { user_name: userName, password },
      tenant,
    });
    if (answer.status !== 201)
      throw new Error(`signup failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async function signIn(userName: string, password: string, tenant?: string) {
    const answer = await call<{ token: string; user_id: string }>("POST", "/api/v1/auth/signin", {
      body: { user_name: userName, password },
      tenant,
    });
    if (answer.status !== 200)
      throw new Error(`signin failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return { call, signUp, signIn };
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

/** Polls `probe` until `accept` holds (or fails with the last value after `timeoutMs`). */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last)) {
    if (Date.now() > until)
      throw new Error(`not settled after ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await Bun.sleep(100);
    last = await probe();
  }
  return last;
}

export const uniqueName = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
