/**
 * The system under test: the four services as real processes in production mode (the test system
 * of `tests/support/system.ts`), with the gateway's rate limits raised so the limits are not what
 * gets measured, logs at `warn`, and the bench's own quests and users in place.
 */
import { generatePrivateJwk } from "../services/auth/src/keys/signing-key";
import {
  DEV_ADMIN,
  type SystemOptions,
  startSystem,
  type TestSystem,
} from "../tests/support/system";

export type Dialect = "sqlite" | "postgres";

export const BENCH_ENV = {
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  RATE_LIMIT_USER_PER_SECOND: "1000000",
  RATE_LIMIT_USER_BURST: "1000000",
  RATE_LIMIT_ADDRESS_PER_SECOND: "1000000",
  RATE_LIMIT_ADDRESS_BURST: "1000000",
  // The bench signs its users up from one address.
  SIGNUP_MAX_PER_ADDRESS: "1000000",
};

/** The quests the cases drive, beside the three example quests. */
export const BENCH_QUESTS = {
  /** Every tracked `bench_action` counts: ActionTracked + QuestProgressed per request. */
  track: { name: "bench-track", trigger: "bench_action", target: 1_000_000, max_completions: null },
  /** Each `bench_claim` completes it once: one claim per tracked action. */
  claim: { name: "bench-claim", trigger: "bench_claim", target: 1, max_completions: null },
  /** Three completions at most: the contention case fires many claims at them. */
  contention: { name: "bench-contention", trigger: "bench_contend", target: 1, max_completions: 3 },
} as const;

export const CONTENTION_REWARD = { item: "diamond", qty: 7 };

export interface BenchUser {
  name: string;
  password: string;
  token: string;
}

export interface BenchSystem {
  system: TestSystem;
  dialect: Dialect;
  admin: string;
  users: BenchUser[];
}

async function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function tokenOf(response: Response): Promise<string> {
  if (!response.ok) throw new Error(`auth answered ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

async function createQuests(gateway: string, admin: string): Promise<void> {
  for (const quest of Object.values(BENCH_QUESTS)) {
    const reward = quest === BENCH_QUESTS.contention ? CONTENTION_REWARD : { item: "gold", qty: 1 };
    const response = await postJson(
      `${gateway}/api/v1/quest`,
      { ...quest, title: quest.name, rewards: [reward], status: "published" },
      admin,
    );
    if (response.status !== 201)
      throw new Error(`creating ${quest.name}: ${response.status} ${await response.text()}`);
  }
}

/** Processing learns of new quests through the catalog's watch stream: wait until it has them. */
async function waitForQuests(gateway: string, token: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${gateway}/api/v1/track/progress`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const progress = (await response.json()) as { quest_name: string }[];
    const names = new Set(progress.map((row) => row.quest_name));
    if (Object.values(BENCH_QUESTS).every((quest) => names.has(quest.name))) return;
    await Bun.sleep(100);
  }
  throw new Error("processing never saw the bench quests");
}

/** Signs up `count` users, a few at a time (each costs an argon2id hash). */
async function signUpUsers(gateway: string, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  const run = crypto.randomUUID().slice(0, 6);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let index = next++; index < count; index = next++) {
        const user = { name: `bench_${run}_${index}`, password: `bench-password-${index}` };
        const token = await tokenOf(
          await postJson(`${gateway}/api/v1/auth/signup`, {
            user_name: user.name,
            password: user.password,
          }),
        );
        users.push({ ...user, token });
      }
    }),
  );
  return users;
}

/** Starts the system on `dialect` and prepares the quests and `userCount` users. */
export async function startBenchSystem(
  dialect: Dialect,
  userCount: number,
  bunFlags?: SystemOptions["bunFlags"],
): Promise<BenchSystem> {
  const signingKey = await generatePrivateJwk();
  const system = await startSystem({
    dialect,
    env: { ...BENCH_ENV, AUTH_SIGNING_KEYS: JSON.stringify([signingKey]) },
    bunFlags,
  });
  try {
    const gateway = system.gatewayUrl;
    const admin = await tokenOf(
      await postJson(`${gateway}/api/v1/auth/signin`, {
        user_name: DEV_ADMIN.user,
        password: DEV_ADMIN.password,
      }),
    );
    await createQuests(gateway, admin);
    const users = await signUpUsers(gateway, userCount);
    const first = users[0];
    if (first === undefined) throw new Error("no bench users");
    await waitForQuests(gateway, first.token);
    return { system, dialect, admin, users };
  } catch (error) {
    await system.shutdown();
    throw error;
  }
}
