/**
 * The product end to end through the gateway, every service a real process: the original quest
 * (SPEC §5), the sign-up quest, a quest an admin makes, tenant isolation. On every runtime (Bun,
 * Deno) with every storage (SQLite; Postgres + Redis).
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
describeEach("the system on %s", await systemSetups(), (setup) => {
  let system: TestSystem;
  let api: ReturnType<typeof restClient>;
  beforeAll(async () => {
    system = await startSystem(setup);
    api = restClient(system.gatewayUrl);
  }, 120_000);
  afterAll(() => system.shutdown());

  const progressOf = async (token: string, quest: string) => {
    const answer = await api.call<QuestProgress[]>("GET", "/api/v1/track/progress", { token });
    expect(answer.status).toBe(200);
    return answer.body.find((entry) => entry.quest_name === quest);
  };
  const balances = async (token: string) =>
    (await api.call<{ balances: Record<string, number> }>("GET", "/api/v1/auth/me", { token })).body
      .balances;
  const claim = (token: string, quest: string) =>
    api.call<{ message?: string; reward?: unknown; code?: string }>(
      "POST",
      "/api/v1/track/claim_reward",
      {
        token,
        body: { quest_name: quest },
      },
    );

  test("the original quest: three sign-ins, claim, refused, three more, claim, completed", async () => {
    const name = uniqueName("ada");
    const { token } = await api.signUp(name, PASSWORD);
    // The sign-up quest is auto-claimed: 100 gold arrives without the player doing anything.
    await eventually(() => balances(token), "100 gold for the sign-up", {
      accept: (b) => b.gold === 100,
      timeoutMs: SETTLE_MS,
    });

    const signInTimes = async (count: number) => {
      for (let n = 0; n < count; n++) await api.signIn(name, PASSWORD);
    };
    await signInTimes(3);
    // Auth reports each sign-in to processing itself; the player's client does nothing more.
    const claimable = await eventually(
      () => progressOf(token, "sign-in-three-times"),
      "the original quest to be claimable",
      { accept: (p) => p?.status === "claimable", timeoutMs: SETTLE_MS },
    );
    expect(claimable).toMatchObject({ completions: 1, claims: 0, progress: 0, target: 3 });

    const first = await claim(token, "sign-in-three-times");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      message: "Reward claimed successfully",
      reward: { item: "diamond", qty: 10 },
    });
    const early = await claim(token, "sign-in-three-times");
    expect([early.status, early.body.code]).toEqual([409, "already_claimed"]);

    await signInTimes(3);
    await eventually(
      () => progressOf(token, "sign-in-three-times"),
      "the original quest to be claimable",
      { accept: (p) => p?.status === "claimable", timeoutMs: SETTLE_MS },
    );
    expect((await claim(token, "sign-in-three-times")).status).toBe(200);
    expect((await progressOf(token, "sign-in-three-times"))?.status).toBe("completed");

    await signInTimes(3);
    const after = await claim(token, "sign-in-three-times");
    expect([after.status, after.body.code]).toEqual([409, "max_claimed"]);
    expect(await progressOf(token, "sign-in-three-times")).toMatchObject({
      completions: 2,
      claims: 2,
      status: "completed",
    });
    const wallet = await eventually(() => balances(token), "20 diamonds", {
      accept: (b) => b.diamond === 20,
      timeoutMs: SETTLE_MS,
    });
    expect(wallet).toEqual({ gold: 100, diamond: 20 });
  });

  test("a quest an admin creates is seen, tracked and claimed by a player", async () => {
    const admin = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
    const quest = uniqueName("share");
    const created = await api.call("POST", "/api/v1/quest", {
      token: admin.token,
      body: {
        name: quest,
        title: "Share twice",
        trigger: "share",
        target: 2,
        rewards: [{ item: "gem", qty: 3 }],
      },
    });
    expect(created.status).toBe(201);
    const player = await api.signUp(uniqueName("bo"), PASSWORD);
    expect((await api.call("GET", `/api/v1/quest/${quest}`, { token: player.token })).status).toBe(
      404,
    );
    expect(
      (await api.call("POST", `/api/v1/quest/${created.body.id}/publish`, { token: admin.token }))
        .status,
    ).toBe(200);
    expect((await api.call("GET", `/api/v1/quest/${quest}`, { token: player.token })).status).toBe(
      200,
    );

    // Processing learns of the quest over WatchQuests; actions count once it has it.
    await eventually(() => progressOf(player.token, quest), "the new quest to reach processing", {
      accept: (p) => p !== undefined,
      timeoutMs: SETTLE_MS,
    });
    for (const key of ["s1", "s2", "s2"]) {
      const tracked = await api.call<{ status: string }>("POST", "/api/v1/track/actions", {
        token: player.token,
        body: { action: "share", idempotency_key: key },
      });
      expect(tracked.status).toBe(200);
    }
    expect(await progressOf(player.token, quest)).toMatchObject({
      status: "claimable",
      completions: 1,
    });
    expect((await claim(player.token, quest)).status).toBe(200);
    await eventually(() => balances(player.token), "3 gems", {
      accept: (b) => b.gem === 3,
      timeoutMs: SETTLE_MS,
    });
  });

  test("20 concurrent edits of one quest all land, none lost, none a 500", async () => {
    const admin = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
    const created = await api.call<{ id: string; version: number }>("POST", "/api/v1/quest", {
      token: admin.token,
      body: {
        name: uniqueName("edited"),
        title: "Edited",
        trigger: "edit",
        target: 1,
        rewards: [{ item: "gold", qty: 1 }],
      },
    });
    expect(created.status).toBe(201);
    // No expected version: each edit reads, changes and writes in one transaction, and on
    // Postgres one that meets another is retried (serializable), so all of them land.
    const edits = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        api.call("PUT", `/api/v1/quest/${created.body.id}`, {
          token: admin.token,
          body: { title: `Edit ${n}` },
        }),
      ),
    );
    expect(edits.map((edit) => edit.status)).toEqual(Array(20).fill(200));
    const final = await api.call<{ version: number; title: string }>(
      "GET",
      `/api/v1/quest/${created.body.id}`,
      { token: admin.token },
    );
    expect(final.body.version).toBe(created.body.version + 20);
  });

  test("a tenant created through the admin endpoint is usable in every service", async () => {
    const admin = await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password);
    const tenant = `via-api-${crypto.randomUUID().slice(0, 6)}`;
    const created = await api.call("POST", "/api/v1/auth/admin/tenants", {
      token: admin.token,
      body: { tenant_id: tenant },
    });
    expect([created.status, created.body]).toEqual([201, { tenant_id: tenant, created: true }]);
    const again = await api.call("POST", "/api/v1/auth/admin/tenants", {
      token: admin.token,
      body: { tenant_id: tenant },
    });
    expect(again.status).toBe(200);

    const player = await api.signUp("first-player", PASSWORD, tenant);
    expect(
      (await api.call<unknown[]>("GET", "/api/v1/quest", { token: player.token })).body,
    ).toEqual([]);
    const tracked = await api.call("POST", "/api/v1/track/actions", {
      token: player.token,
      body: { action: "hello" },
    });
    expect(tracked.status).toBe(200);
    const progress = await api.call<unknown[]>("GET", "/api/v1/track/progress", {
      token: player.token,
    });
    expect(progress.body).toEqual([]);
  });

  test("a tenant created by the operator is isolated from default end to end", async () => {
    const tenant = `acme-${crypto.randomUUID().slice(0, 6)}`;
    const unknown = await api.call("POST", "/api/v1/auth/signup", {
      body: { user_name: "early", password: PASSWORD },
      tenant,
    });
    expect([unknown.status, (unknown.body as { code: string }).code]).toEqual([
      404,
      "unknown_tenant",
    ]);

    await system.once("catalog", ["scripts/tenant-create.ts", tenant]);
    await system.once(
      "auth",
      ["services/auth/src/cli/admin-create.ts", "--tenant", tenant, "--user", "boss"],
      {
        QUESTLINE_ADMIN_PASSWORD: "boss-password-123",
      },
    );
    const boss = await api.signIn("boss", "boss-password-123", tenant);
    const quest = uniqueName("acme-only");
    const created = await api.call("POST", "/api/v1/quest", {
      token: boss.token,
      body: {
        name: quest,
        title: "Acme",
        trigger: "signin",
        target: 1,
        rewards: [{ item: "gold", qty: 1 }],
        status: "published",
      },
    });
    expect(created.status).toBe(201);

    const acmePlayer = await api.signUp("same-name", PASSWORD, tenant);
    const defaultPlayer = await api.signUp(uniqueName("same-name"), PASSWORD);
    const acmeQuests = (
      await api.call<{ name: string }[]>("GET", "/api/v1/quest", { token: acmePlayer.token })
    ).body;
    expect(acmeQuests.map((q) => q.name)).toEqual([quest]);
    const defaultQuests = (
      await api.call<{ name: string }[]>("GET", "/api/v1/quest", { token: defaultPlayer.token })
    ).body;
    expect(defaultQuests.map((q) => q.name)).not.toContain(quest);
    const crossed = await api.call("GET", "/api/v1/quest", {
      token: acmePlayer.token,
      tenant: "default",
    });
    expect(crossed.status).toBe(403);
    // The same user name exists in both tenants as two different accounts.
    expect((await api.signUp("same-name", PASSWORD)).user_id).not.toBe(acmePlayer.user_id);
  });
});
