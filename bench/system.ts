/**
 * The system under test: the four services as real processes in production mode (the test system
 * of `tests/support/system.ts`), with the gateway's rate limits raised so the limits are not what
 * gets measured, logs at `warn`, and the bench's own quests and users in place.
 */
import { generatePrivateJwk } from "@questline/auth/testing";
import { eventually } from "@questline/kit/testing/eventually";
import type { ServiceRuntime } from "../scripts/dev/runtimes";
import { restClient } from "../tests/support/client";
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
  runtime: ServiceRuntime;
  admin: string;
  users: BenchUser[];
}

type Api = ReturnType<typeof restClient>;

async function createQuests(api: Api, admin: string): Promise<void> {
  for (const quest of Object.values(BENCH_QUESTS)) {
    const reward = quest === BENCH_QUESTS.contention ? CONTENTION_REWARD : { item: "gold", qty: 1 };
    const created = await api.call("POST", "/api/v1/quest", {
      token: admin,
      body: { ...quest, title: quest.name, rewards: [reward], status: "published" },
    });
    if (created.status !== 201) {
      throw new Error(`creating ${quest.name}: ${created.status} ${JSON.stringify(created.body)}`);
    }
  }
}

/** Processing learns of new quests through the catalog's watch stream: wait until it has them. */
async function waitForQuests(api: Api, token: string): Promise<void> {
  const names = async () => {
    const progress = await api.call<{ quest_name: string }[]>("GET", "/api/v1/track/progress", {
      token,
    });
    return new Set(progress.body.map((row) => row.quest_name));
  };
  await eventually(names, "processing to see the bench quests", {
    accept: (seen) => Object.values(BENCH_QUESTS).every((quest) => seen.has(quest.name)),
    timeoutMs: 10_000,
    intervalMs: 100,
  });
}

/** Signs up `count` users, a few at a time (each costs an argon2id hash). */
async function signUpUsers(api: Api, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  const run = crypto.randomUUID().slice(0, 6);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let index = next++; index < count; index = next++) {
        const user = { name: `bench_${run}_${index}`, password: `bench-password-${index}` };
        const { token } = await api.signUp(user.name, user.password);
        users.push({ ...user, token });
      }
    }),
  );
  return users;
}

/** Starts the system on `dialect` (and `runtime`) and prepares the quests and `userCount` users. */
export async function startBenchSystem(
  dialect: Dialect,
  userCount: number,
  options: { bunFlags?: SystemOptions["bunFlags"]; runtime?: ServiceRuntime } = {},
): Promise<BenchSystem> {
  const { bunFlags, runtime = "bun" } = options;
  const signingKey = await generatePrivateJwk();
  const system = await startSystem({
    runtime,
    dialect,
    env: { ...BENCH_ENV, AUTH_SIGNING_KEYS: JSON.stringify([signingKey]) },
    bunFlags,
  });
  try {
    const api = restClient(system.gatewayUrl);
    const { token: admin } = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
    await createQuests(api, admin);
    const users = await signUpUsers(api, userCount);
    const first = users[0];
    if (first === undefined) throw new Error("no bench users");
    await waitForQuests(api, first.token);
    return { system, dialect, runtime, admin, users };
  } catch (error) {
    await system.shutdown();
    throw error;
  }
}
