/**
 * End-to-end latency of a player's journey through the gateway, every service a real process:
 * sign in, read progress, claim. Each step's p50/p99 over many players, each player sequential,
 * several players at once.
 *
 *   bun run bench/journey-latency.ts [players] [concurrency] [sqlite|postgres]
 */
import { restClient } from "../tests/support/client";
import { DEV_ADMIN, startSystem } from "../tests/support/system";

const players = Number(Bun.argv[2] ?? 200);
const concurrency = Number(Bun.argv[3] ?? 8);
const dialect = (Bun.argv[4] ?? "sqlite") as "sqlite" | "postgres";
const PASSWORD = "correct horse battery";

const system = await startSystem({ dialect, redis: dialect === "postgres" });
const api = restClient(system.gatewayUrl);
const samples: Record<"signin" | "progress" | "claim", number[]> = {
  signin: [],
  progress: [],
  claim: [],
};

async function timed<T>(step: keyof typeof samples, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples[step].push(performance.now() - started);
  return result;
}

try {
  // A one-action quest so each journey ends in a claim.
  const admin = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
  await api.call("POST", "/api/v1/quest", {
    token: admin.token,
    body: {
      name: "journey",
      title: "Journey",
      trigger: "signin",
      target: 1,
      max_completions: null,
      rewards: [{ item: "gold", qty: 1 }],
      status: "published",
    },
  });
  const names = Array.from({ length: players }, (_, n) => `journey-${n}`);
  for (const name of names) await api.signUp(name, PASSWORD);
  await Bun.sleep(1000); // processing has the new quest by now (WatchQuests)

  let next = 0;
  const player = async () => {
    for (let n = next++; n < players; n = next++) {
      const name = names[n] ?? "";
      const { token } = await timed("signin", () => api.signIn(name, PASSWORD));
      // The client reports its sign-in too (counted once with auth's own report), then reads.
      await api.call("POST", "/api/v1/track/signin", { token });
      await timed("progress", () => api.call("GET", "/api/v1/track/progress", { token }));
      const claimed = await timed("claim", () =>
        api.call("POST", "/api/v1/track/claim_reward", { token, body: { quest_name: "journey" } }),
      );
      if (claimed.status !== 200)
        throw new Error(`claim failed: ${claimed.status} ${JSON.stringify(claimed.body)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, player));
} finally {
  await system.shutdown();
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
console.log(
  `\nJourney through the gateway on ${dialect}: ${players} players, ${concurrency} at once\n`,
);
console.log("| step | p50 ms | p99 ms |\n|---|---|---|");
for (const [step, values] of Object.entries(samples)) {
  console.log(
    `| ${step} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 99).toFixed(1)} |`,
  );
}
