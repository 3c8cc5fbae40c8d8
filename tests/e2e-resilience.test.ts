/**
 * Outages, end to end: services are SIGKILLed mid-run and started again. Nothing acknowledged is
 * lost; nothing is counted or granted twice. On every runtime (Bun, Deno) with every storage
 * (SQLite; Postgres + Redis).
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { type QuestProgress, restClient, SETTLE_MS, uniqueName } from "./support/client";
import { systemSetups } from "./support/setups";
import { DEV_ADMIN, startSystem, type TestSystem } from "./support/system";

// Whole systems of real processes: slower than the default 5 s allows on 2 cores.
setDefaultTimeout(60_000);

const PASSWORD = "correct horse battery";

describeEach("outages on %s", await systemSetups(), (setup) => {
  let system: TestSystem;
  let api: ReturnType<typeof restClient>;

  beforeAll(async () => {
    system = await startSystem(setup);
    api = restClient(system.gatewayUrl);
  }, 120_000);
  afterAll(() => system.shutdown());

  const progressOf = async (token: string, quest: string) =>
    (await api.call<QuestProgress[]>("GET", "/api/v1/track/progress", { token })).body?.find?.(
      (entry) => entry.quest_name === quest,
    );

  async function publishQuest(body: Record<string, unknown>) {
    const admin = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
    const created = await api.call("POST", "/api/v1/quest", {
      token: admin.token,
      body: { ...body, status: "published" },
    });
    expect(created.status).toBe(201);
  }

  /** Publishes a new quest, signs up a player, and waits until processing knows the quest. */
  async function newPlayerOnNewQuest(prefix: string, body: Record<string, unknown>) {
    const quest = uniqueName(prefix);
    await publishQuest({ ...body, name: quest });
    const player = await api.signUp(uniqueName("player"), PASSWORD);
    await eventually(() => progressOf(player.token, quest), "the quest to reach processing", {
      accept: (p) => p !== undefined,
      timeoutMs: SETTLE_MS,
    });
    return { quest, player };
  }

  /** The RewardClaimed events of the player's log for `quest`. */
  async function claimsOf(token: string, quest: string) {
    const history = await api.call<{
      events: { type: string; data: { questName?: string; claimId?: string } }[];
    }>("GET", "/api/v1/track/history?limit=100", { token });
    return history.body.events
      .filter((event) => event.type === "RewardClaimed" && event.data.questName === quest)
      .map((event) => event.data);
  }

  async function ledgerOf(token: string) {
    const answer = await api.call<{ entries: { grant_id: string; item: string; qty: number }[] }>(
      "GET",
      "/api/v1/auth/wallet/ledger?limit=100",
      { token },
    );
    return answer.body.entries;
  }

  test("processing killed mid-run: every acknowledged action counts once, retries count nothing more", async () => {
    const { quest, player } = await newPlayerOnNewQuest("crash-count", {
      title: "Count",
      trigger: "crash-test",
      target: 1000,
      rewards: [{ item: "gold", qty: 1 }],
    });

    const total = 120;
    const unanswered: number[] = [];
    const send = (n: number) =>
      api
        .call("POST", "/api/v1/track/actions", {
          token: player.token,
          body: { action: "crash-test", idempotency_key: `crash-${n}` },
        })
        .then(
          (answer) => answer.status,
          () => 0,
        );
    // Four clients send concurrently; processing is SIGKILLed while requests are in flight (some
    // may have committed without their answer getting out) and started again a moment later.
    let next = 0;
    const client = async () => {
      for (let n = next++; n < total; n = next++) if ((await send(n)) !== 200) unanswered.push(n);
    };
    const outage = (async () => {
      while (next < total / 3) await Bun.sleep(5);
      await system.stop("processing", "SIGKILL");
      await Bun.sleep(300);
      await system.start("processing");
    })();
    await Promise.all([client(), client(), client(), client(), outage]);
    expect(unanswered.length).toBeGreaterThan(0); // the outage was real
    // The clients retry what was not acknowledged with the same keys; a few acknowledged ones too.
    for (const n of [...unanswered, 0, 1, 2]) expect(await send(n)).toBe(200);
    expect(await progressOf(player.token, quest)).toMatchObject({ progress: total });
  });

  test("auth down during a claim: the claim succeeds and the wallet catches up exactly once", async () => {
    const { quest, player } = await newPlayerOnNewQuest("outage-claim", {
      title: "Once",
      trigger: "tap",
      target: 1,
      rewards: [{ item: "ruby", qty: 7 }],
    });
    expect(
      (
        await api.call("POST", "/api/v1/track/actions", {
          token: player.token,
          body: { action: "tap" },
        })
      ).status,
    ).toBe(200);

    await system.stop("auth", "SIGKILL");
    const claimed = await api.call("POST", "/api/v1/track/claim_reward", {
      token: player.token,
      body: { quest_name: quest },
      idempotencyKey: "claim-once",
    });
    expect(claimed.status).toBe(200);
    const retried = await api.call("POST", "/api/v1/track/claim_reward", {
      token: player.token,
      body: { quest_name: quest },
      idempotencyKey: "claim-once",
    });
    expect(retried.body).toEqual(claimed.body);
    // The log holds one claim: the one grant processing owes the wallet, keyed by its claim id.
    const claims = await claimsOf(player.token, quest);
    expect(claims).toHaveLength(1);
    const grantId = claims[0]?.claimId;
    expect(grantId).toEqual(expect.any(String));
    await system.start("auth");

    const ledger = await eventually(() => ledgerOf(player.token), "the grant in the wallet", {
      accept: (entries) => entries.some((entry) => entry.grant_id === grantId),
      timeoutMs: SETTLE_MS,
    });
    // Exactly once: one ruby entry, the owed grant, whatever processing retried on the way.
    expect(ledger.filter((entry) => entry.item === "ruby")).toEqual([
      expect.objectContaining({ grant_id: grantId, item: "ruby", qty: 7 }),
    ]);
    const again = await api.call("POST", "/api/v1/track/claim_reward", {
      token: player.token,
      body: { quest_name: quest },
      idempotencyKey: "claim-once",
    });
    expect(again.body).toEqual(claimed.body);
    expect(await claimsOf(player.token, quest)).toHaveLength(1);
  });

  test("processing down during a sign-in: the sign-in succeeds and is counted once, later", async () => {
    const name = uniqueName("eve");
    const player = await api.signUp(name, PASSWORD);
    await eventually(
      () => progressOf(player.token, "sign-in-three-times"),
      "the quest to reach processing",
      { accept: (p) => p !== undefined, timeoutMs: SETTLE_MS },
    );

    await system.stop("processing", "SIGKILL");
    const signedIn = await api.signIn(name, PASSWORD);
    await system.start("processing");

    // Auth's outbox delivers the report; the client reporting the same sign-in changes nothing.
    const counted = await eventually(
      () => progressOf(player.token, "sign-in-three-times"),
      "the sign-in to be counted",
      { accept: (p) => p?.progress === 1, timeoutMs: SETTLE_MS },
    );
    expect(counted?.completions).toBe(0);
    const again = await api.call<{ status: string }>("POST", "/api/v1/track/signin", {
      token: signedIn.token,
    });
    expect([again.status, again.body.status]).toEqual([200, "duplicate"]);
    expect((await progressOf(player.token, "sign-in-three-times"))?.progress).toBe(1);
  });

  test("each service restarted in turn: the others stay up and work with it again", async () => {
    const name = uniqueName("roll");
    await api.signUp(name, PASSWORD);
    const up = (service: "auth" | "catalog" | "processing") =>
      fetch(`${system.urlOf(service)}/health`).then(
        (response) => response.status,
        () => "down",
      );
    // Deno 2.9.6's node:http2 client could crash a caller when the peer of a used session went
    // away: the callers must outlive a restart of each peer (a rolling deploy).
    for (const peer of ["processing", "catalog", "auth"] as const) {
      for (let n = 0; n < 3; n++) await api.signIn(name, PASSWORD);
      await system.stop(peer);
      const others = (["auth", "catalog", "processing"] as const).filter((one) => one !== peer);
      expect(await Promise.all(others.map(up))).toEqual(others.map(() => 200));
      await system.start(peer);
    }
    const tracked = await api.call("POST", "/api/v1/track/actions", {
      token: (await api.signIn(name, PASSWORD)).token,
      body: { action: "after-the-roll" },
    });
    expect(tracked.status).toBe(200);
  });
});
