/**
 * Claims: `claim_reward` on completed quests at 64 connections (each run is preceded by tracking
 * that completes `bench-claim` more often than the run can claim), and the contention case: many
 * concurrent claims by one user on a quest with three completions; exactly three may succeed, and
 * the wallet must gain exactly three rewards.
 */
import { CONNECTIONS } from "../ceilings";
import { type CaseResult, measure } from "../measure";
import { BENCH_QUESTS, CONTENTION_REWARD } from "../system";
import { runWrk, type WrkCase, wrkCommand } from "../wrk";
import { bearer, type CaseContext, type Check } from "./context";
import { userPosts } from "./tracking";

/** Completions made before each run, relative to its length: claims are slower than tracks. */
const PREFILL_FACTOR = 1.5;

export async function claimCase(context: CaseContext): Promise<CaseResult> {
  const { bench, plan } = context;
  const gateway = bench.system.gatewayUrl;
  const complete = userPosts(context, "claim-complete.lua", "/api/v1/track/actions", {
    action: BENCH_QUESTS.claim.trigger,
  });
  const claim = userPosts(context, "claim.lua", "/api/v1/track/claim_reward", {
    quest_name: BENCH_QUESTS.claim.name,
  });
  const spec: WrkCase = { url: gateway, connections: CONNECTIONS, seconds: plan.runSeconds };
  return measure(
    plan,
    {
      group: "claims",
      name: "POST /track/claim_reward via gateway",
      dialect: bench.dialect,
      unit: "req/s",
      command: wrkCommand(spec, claim).join(" "),
      note: `each run follows ${PREFILL_FACTOR}× its length of tracking that completes the quest; errors = 409s once a user had nothing left to claim`,
    },
    async (seconds) => {
      await runWrk({ ...spec, seconds: Math.ceil(seconds * PREFILL_FACTOR) }, complete);
      return runWrk({ ...spec, seconds }, claim);
    },
  );
}

async function diamonds(gateway: string, token: string): Promise<number> {
  const response = await fetch(`${gateway}/api/v1/auth/me`, { headers: bearer(token) });
  const me = (await response.json()) as { balances: Record<string, number> };
  return me.balances.diamond ?? 0;
}

async function signUp(gateway: string): Promise<string> {
  const response = await fetch(`${gateway}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      user_name: `contender_${crypto.randomUUID().slice(0, 8)}`,
      password: "contender-password",
    }),
  });
  const { token } = (await response.json()) as { token: string };
  return token;
}

/** Waits until the wallet holds `expected` (grants arrive through the outbox), then a moment more. */
async function settledDiamonds(gateway: string, token: string, expected: number): Promise<number> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if ((await diamonds(gateway, token)) >= expected) break;
    await Bun.sleep(100);
  }
  await Bun.sleep(500);
  return diamonds(gateway, token);
}

export async function contentionCheck(context: CaseContext): Promise<Check> {
  const gateway = context.bench.system.gatewayUrl;
  const quest = BENCH_QUESTS.contention;
  const allowed = quest.max_completions;
  const token = await signUp(gateway);
  const post = (path: string, body: unknown) =>
    fetch(`${gateway}${path}`, {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  for (let i = 0; i < allowed + 2; i++)
    await post("/api/v1/track/actions", { action: quest.trigger });
  const before = await diamonds(gateway, token);
  const statuses = await Promise.all(
    Array.from({ length: CONNECTIONS }, () =>
      post("/api/v1/track/claim_reward", { quest_name: quest.name }).then((r) => r.status),
    ),
  );
  const granted = statuses.filter((status) => status === 200).length;
  const refused = statuses.filter((status) => status === 409).length;
  const gained =
    (await settledDiamonds(gateway, token, before + allowed * CONTENTION_REWARD.qty)) - before;
  const expectedGain = allowed * CONTENTION_REWARD.qty;
  return {
    dialect: context.bench.dialect,
    name: `${CONNECTIONS} concurrent claims by one user, ${allowed} completions`,
    expected: `${allowed} granted, ${CONNECTIONS - allowed} refused (409), wallet +${expectedGain} diamond`,
    observed: `${granted} granted, ${refused} refused, wallet +${gained} diamond`,
    ok: granted === allowed && refused === CONNECTIONS - allowed && gained === expectedGain,
  };
}
