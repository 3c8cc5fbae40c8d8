/**
 * Issue 14's reproductions against the whole system (every service a process, through the
 * gateway), on SQLite and on Postgres + Redis: each one gets its 4xx, or keeps working.
 * H1 streams, H2 and M2 numbers, M1 sign-ins by refresh, L1 idempotency keys, L3/L4 strict
 * bodies. M3, M5, L2, L5 and L6 are in `hostile-edges.test.ts`.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { openStorageFor, storeQuestAsIs } from "@questline/catalog/testing";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { type QuestProgress, restClient, SETTLE_MS, uniqueName } from "./support/client";
import { hostileSetups, openWatch } from "./support/hostile";
import { DEV_ADMIN, startSystem, type TestSystem } from "./support/system";

setDefaultTimeout(60_000);
const PASSWORD = "correct horse battery";

describeEach("hostile input on %s", await hostileSetups(), (setup) => {
  let system: TestSystem;
  let api: ReturnType<typeof restClient>;
  let admin: string;

  beforeAll(async () => {
    system = await startSystem(setup);
    api = restClient(system.gatewayUrl);
    admin = (await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password)).token;
  }, 120_000);
  afterAll(() => system.shutdown());

  const quest = (overrides: Record<string, unknown> = {}) => ({
    name: uniqueName("q"),
    title: "A quest",
    trigger: "hostile_action",
    target: 1,
    rewards: [{ item: "gold", qty: 1 }],
    status: "published",
    ...overrides,
  });
  const createRaw = (body: string) =>
    fetch(`${system.gatewayUrl}/api/v1/quest`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body,
    });
  const progressOf = async (token: string, name: string) =>
    (await api.call<QuestProgress[]>("GET", "/api/v1/track/progress", { token })).body.find(
      (entry) => entry.quest_name === name,
    );

  test("H1: a player's streams past the limit are 429 at once; everyone else is served", async () => {
    const attacker = await api.signUp(uniqueName("streamer"), PASSWORD);
    const streams = Array.from({ length: 40 }, () => openWatch(system.gatewayUrl, attacker.token));
    try {
      const statuses = (await Promise.all(streams.map((stream) => stream.head()))).map(
        (head) => head.status,
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(8);
      expect(statuses.filter((status) => status === 429)).toHaveLength(32);
      const refused = await streams[statuses.indexOf(429)]?.head();
      expect(refused?.headers["retry-after"]).toMatch(/^\d+$/);

      const other = await api.signUp(uniqueName("bystander"), PASSWORD);
      expect((await api.call("GET", "/api/v1/quest", { token: other.token })).status).toBe(200);
      expect((await api.call("GET", "/api/v1/track/progress", { token: other.token })).status).toBe(
        200,
      );
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  test("H2: numbers past int32 or 2^53 are 422 at creation, never stored", async () => {
    const body = JSON.stringify(quest({ name: "too-big" }));
    for (const target of ["2147483648", "1e308", "9007199254740993"]) {
      const answer = await createRaw(body.replace('"target":1', `"target":${target}`));
      expect([target, answer.status]).toEqual([target, 422]);
    }
    for (const qty of ["2147483648", "9223372036854775808"]) {
      const answer = await createRaw(body.replace('"qty":1', `"qty":${qty}`));
      expect([qty, answer.status]).toEqual([qty, 422]);
    }
    const lookup = await api.call("GET", "/api/v1/quest/too-big", { token: admin });
    expect(lookup.status).toBe(404);
  });

  test("M2: a reward the wallet would refuse (qty > 1,000,000) is refused at creation", async () => {
    const refused = await api.call("POST", "/api/v1/quest", {
      token: admin,
      body: quest({ rewards: [{ item: "gold", qty: 1_000_001 }] }),
    });
    expect([refused.status, (refused.body as { field?: string }).field]).toEqual([
      422,
      "rewards/0/qty",
    ]);
  });

  test("H2: a stored quest that cannot be served stops nothing, and processing restarts ready", async () => {
    // A row no release writes any more (an old one could): written straight into the catalog's store.
    const storage = await openStorageFor(system.envOf("catalog"));
    const broken = uniqueName("broken");
    try {
      await storeQuestAsIs(await storage.tenant("default"), {
        name: broken,
        trigger: "hostile_action",
        target: 1,
        rewards: [{ item: "gold", qty: 2 ** 33 }],
      });
    } finally {
      await storage.close();
    }
    const good = uniqueName("after-broken");
    const created = await api.call("POST", "/api/v1/quest", {
      token: admin,
      body: quest({ name: good }),
    });
    expect(created.status).toBe(201);
    const player = await api.signUp(uniqueName("tracker"), PASSWORD);
    await eventually(() => progressOf(player.token, good), "processing hears of the new quest", {
      timeoutMs: SETTLE_MS,
    });

    await system.stop("processing");
    await system.start("processing");
    const tracked = await api.call<{ quests: { quest_name: string }[] }>(
      "POST",
      "/api/v1/track/actions",
      { token: player.token, body: { action: "hostile_action" } },
    );
    expect(tracked.status).toBe(200);
    expect(tracked.body.quests.map((entry) => entry.quest_name)).toContain(good);
    expect(tracked.body.quests.map((entry) => entry.quest_name)).not.toContain(broken);

    const seen = await api.call<{ problems?: string[] }>("GET", `/api/v1/quest/${broken}`, {
      token: admin,
    });
    expect(seen.body.problems).toEqual([expect.stringContaining("rewards/0/qty")]);
  });

  test("M1: five refreshes make no sign-in, and a refreshed sign-up token no second sign-up", async () => {
    const player = await api.signUp(uniqueName("farmer"), PASSWORD);
    let pair = player as unknown as { token: string; refresh_token: string };
    const statuses: string[] = [];
    for (let refresh = 0; refresh < 5; refresh++) {
      const next = await api.call<{ token: string; refresh_token: string }>(
        "POST",
        "/api/v1/auth/refresh",
        { body: { refresh_token: pair.refresh_token } },
      );
      expect(next.status).toBe(200);
      pair = next.body;
      for (const route of ["signin", "signup"]) {
        const answer = await api.call<{ status: string }>("POST", `/api/v1/track/${route}`, {
          token: pair.token,
        });
        statuses.push(answer.body.status);
      }
    }
    expect(new Set(statuses)).toEqual(new Set(["duplicate"]));
    expect((await progressOf(pair.token, "sign-in-three-times"))?.progress).toBe(0);
    const claim = await api.call<{ code: string }>("POST", "/api/v1/track/claim_reward", {
      token: pair.token,
      body: { quest_name: "sign-in-three-times" },
    });
    expect([claim.status, claim.body.code]).toEqual([409, "not_completed"]);
    const me = await eventually(
      () => api.call<{ balances: Record<string, number> }>("GET", "/api/v1/auth/me", pair),
      "the sign-up quest's gold",
      { accept: (answer) => answer.body.balances.gold === 100, timeoutMs: SETTLE_MS },
    );
    expect(me.body.balances).toEqual({ gold: 100 });
  });

  test("L1: an Idempotency-Key reused for another request is 422, not the first answer", async () => {
    const player = await api.signUp(uniqueName("keys"), PASSWORD);
    const key = `k-${crypto.randomUUID()}`;
    const first = await api.call("POST", "/api/v1/track/actions", {
      token: player.token,
      body: { action: "hostile_action" },
      idempotencyKey: key,
    });
    expect(first.status).toBe(200);
    for (const [path, body] of [
      ["/api/v1/track/actions", { action: "other_action" }],
      ["/api/v1/track/claim_reward", { quest_name: "no-such-quest" }],
    ] as const) {
      const reused = await api.call<{ code: string }>("POST", path, {
        token: player.token,
        body,
        idempotencyKey: key,
      });
      expect([path, reused.status, reused.body.code]).toEqual([
        path,
        422,
        "idempotency_key_reused",
      ]);
    }
  });

  test("L3/L4: __proto__, string numbers and hexadecimal ids are refused", async () => {
    const base = JSON.stringify(quest({ name: "strict-body" }));
    const bodies = [
      base.replace("{", '{"__proto__":{"status":"published"},'),
      base.replace('"target":1', '"target":"0x10"'),
      base.replace('"target":1', '"target":"1e3"'),
    ];
    for (const body of bodies) expect((await createRaw(body)).status).toBe(422);
    const created = await api.call<{ id: number }>("POST", "/api/v1/quest", {
      token: admin,
      body: quest(),
    });
    const update = await fetch(`${system.gatewayUrl}/api/v1/quest/${created.body.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: '{"__proto__":{"target":5},"title":"renamed"}',
    });
    expect(update.status).toBe(422);
    expect((await api.call("GET", "/api/v1/quest/get/0x1", { token: admin })).status).toBe(422);
  });
});
