import { afterAll, beforeAll, expect, test } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { startTestProcessing, type TestProcessing } from "../testing/harness";

type View = {
  quest_name: string;
  progress: number;
  completions: number;
  claims: number;
  status: string;
};

describeEach("tracking REST routes on %s", await testDialects(), (dialect) => {
  let processing: TestProcessing;

  beforeAll(async () => {
    processing = await startTestProcessing(dialect);
  });
  afterAll(() => processing.close());

  const player = () => {
    const userId = crypto.randomUUID();
    return { userId, token: () => processing.token(["player"], userId) };
  };
  const signIn = async (userId: string) =>
    processing.call("POST", "/api/v1/track/signin", {
      token: await processing.token(["player"], userId),
    });
  const claim = (token: string, headers: Record<string, string> = {}) =>
    processing.call("POST", "/api/v1/track/claim_reward", {
      token,
      body: { quest_name: "sign-in-three-times" },
      headers,
    });
  const original = async (token: string): Promise<View | undefined> => {
    const progress = await processing.call("GET", "/api/v1/track/progress", { token });
    return progress.body.find((view: View) => view.quest_name === "sign-in-three-times");
  };

  test("the original quest end to end: claimable after three sign-ins, claimed twice, then completed", async () => {
    const { userId, token } = player();
    const first = await signIn(userId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      message: "Sign-in tracked",
      status: "tracked",
      quests: [
        { quest_name: "sign-in-three-times", progress: 1, target: 3, status: "in_progress" },
      ],
    });
    await signIn(userId);
    const third = await signIn(userId);
    expect(third.body.quests[0]).toMatchObject({
      completions: 1,
      claimable: true,
      status: "claimable",
    });

    const claimed = await claim(await token());
    expect(claimed.status).toBe(200);
    expect(claimed.body).toEqual({
      message: "Reward claimed successfully",
      reward: { item: "diamond", qty: 10 },
      rewards: [{ item: "diamond", qty: 10 }],
    });
    const refused = await claim(await token());
    expect([refused.status, refused.body.code]).toEqual([409, "already_claimed"]);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");

    for (let i = 0; i < 3; i++) await signIn(userId);
    expect((await claim(await token())).status).toBe(200);
    expect(await original(await token())).toMatchObject({
      completions: 2,
      claims: 2,
      status: "completed",
    });

    const more = await signIn(userId);
    expect(more.body.quests).toEqual([]);
    const last = await claim(await token());
    expect([last.status, last.body.code, last.body.detail]).toEqual([
      409,
      "max_claimed",
      "Reward has already been claimed the maximum number of times",
    ]);
    await eventually(() => processing.wallet.balances(userId).diamond === 20n, "20 diamonds");

    // The event log of the README's worked example, version by version.
    const history = await processing.call("GET", "/api/v1/track/history?limit=200", {
      token: await token(),
    });
    const counted = ["ActionTracked", "QuestProgressed"];
    expect(history.body.events.map((event: { type: string }) => event.type)).toEqual([
      "ActionTracked",
      "QuestStarted",
      "QuestProgressed",
      ...counted,
      ...counted,
      "QuestCompleted",
      "RewardClaimed",
      ...counted,
      ...counted,
      ...counted,
      "QuestCompleted",
      "RewardClaimed",
      "ActionTracked",
    ]);
  });

  test("a claim before any completion is 409 not_completed; an unknown quest is 404", async () => {
    const { token } = player();
    const early = await claim(await token());
    expect([early.status, early.body.code, early.body.detail]).toEqual([
      409,
      "not_completed",
      "Quest not completed yet",
    ]);
    const unknown = await processing.call("POST", "/api/v1/track/claim_reward", {
      token: await token(),
      body: { quest_name: "no-such-quest" },
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, "quest_not_found"]);
  });

  test("50 concurrent claims after one completion claim once and grant once", async () => {
    const { userId, token } = player();
    for (let i = 0; i < 3; i++) await signIn(userId);
    const bearer = await token();
    const answers = await Promise.all(Array.from({ length: 50 }, () => claim(bearer)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(await original(bearer)).toMatchObject({ completions: 1, claims: 1 });
    await eventually(() => processing.wallet.balances(userId).diamond === 10n, "the one grant");
    expect(processing.wallet.grants().filter((grant) => grant.userId === userId)).toHaveLength(1);
  });

  test("50 concurrent tracks of distinct actions lose none: exact progress and a gapless stream", async () => {
    const { token } = player();
    const bearer = await token();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        processing.call("POST", "/api/v1/track/actions", {
          token: bearer,
          body: { action: "level_up", idempotency_key: `level-${index}` },
        }),
      ),
    );
    expect(
      answers.every((answer) => answer.status === 200 && answer.body.status === "tracked"),
    ).toBe(true);
    const view = (
      await processing.call("GET", "/api/v1/track/progress", { token: bearer })
    ).body.find((one: View) => one.quest_name === "level-up-many");
    expect(view.progress).toBe(50);
    const history = await processing.call("GET", "/api/v1/track/history?limit=200", {
      token: bearer,
    });
    const versions = history.body.events.map((event: { version: number }) => event.version);
    expect(versions).toEqual(Array.from({ length: 101 }, (_, index) => index + 1));
    expect(
      history.body.events.filter((event: { type: string }) => event.type === "ActionTracked"),
    ).toHaveLength(50);
  });

  test("a retried claim with the same Idempotency-Key answers the same and grants nothing more", async () => {
    const { userId, token } = player();
    for (let i = 0; i < 6; i++) await signIn(userId);
    const bearer = await token();
    const key = { "idempotency-key": `claim-${crypto.randomUUID()}` };
    const retries = await Promise.all(Array.from({ length: 5 }, () => claim(bearer, key)));
    expect(retries.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    for (const answer of retries) expect(answer.body).toEqual(retries[0]?.body);
    expect(await original(bearer)).toMatchObject({ completions: 2, claims: 1 });
    await eventually(() => processing.wallet.balances(userId).diamond === 10n, "one grant");
    expect(processing.wallet.grants().filter((grant) => grant.userId === userId)).toHaveLength(1);
  });

  test("a sign-in counts once per session, whoever reports it (route twice, then the RPC)", async () => {
    const { userId } = player();
    const bearer = await processing.token(["player"], userId);
    const first = await processing.call("POST", "/api/v1/track/signin", { token: bearer });
    const again = await processing.call("POST", "/api/v1/track/signin", { token: bearer });
    expect([first.body.status, again.body.status]).toEqual(["tracked", "duplicate"]);
    expect(again.body.quests).toEqual(first.body.quests);
    const sid = JSON.parse(atob(bearer.split(".")[1] ?? "")).sid;
    const reported = await processing.service.tracker.track({
      tenantId: "default",
      userId,
      action: "signin",
      actionId: `signin:${sid}`,
      key: `signin:${sid}`,
      requestId: null,
    });
    expect(reported.status).toBe("duplicate");
    expect((await original(bearer))?.progress).toBe(1);
  });

  test("refreshed tokens of one sign-in count once: five refreshes are no sign-in at all", async () => {
    const { userId } = player();
    const session = { id: crypto.randomUUID(), start: "signin" as const };
    const answers = [];
    for (let token = 0; token < 6; token++) {
      const bearer = await processing.token(["player"], userId, "default", session);
      answers.push((await processing.call("POST", "/api/v1/track/signin", { token: bearer })).body);
    }
    expect(answers.map((answer) => answer.status)).toEqual([
      "tracked",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect((await original(await processing.token(["player"], userId)))?.progress).toBe(1);
  });

  test("a sign-up's tokens never count as a sign-in, nor as a second sign-up", async () => {
    const { userId } = player();
    const session = { id: crypto.randomUUID(), start: "signup" as const };
    const signupToken = await processing.token(["player"], userId, "default", session);
    const signup = await processing.call("POST", "/api/v1/track/signup", { token: signupToken });
    expect(signup.body).toMatchObject({ message: "Sign-up tracked", status: "tracked" });
    const refreshed = await processing.token(["player"], userId, "default", session);
    for (const route of ["/api/v1/track/signup", "/api/v1/track/signin"]) {
      const answer = await processing.call("POST", route, { token: refreshed });
      expect([answer.status, answer.body.message, answer.body.status]).toEqual([
        200,
        "Sign-up tracked",
        "duplicate",
      ]);
    }
    expect((await original(refreshed))?.progress).toBe(0);
    await eventually(() => processing.wallet.balances(userId).gold === 100n, "100 gold, once");
    expect(processing.wallet.grants().filter((grant) => grant.userId === userId)).toHaveLength(1);
  });

  test("a token without a session (a service's) has no sign-in to report", async () => {
    const serviceToken = await processing.issuer.sign({
      sub: "someone",
      tid: "default",
      roles: ["player", "service"],
    });
    const answer = await processing.call("POST", "/api/v1/track/signin", { token: serviceToken });
    expect([answer.status, answer.body.code]).toEqual([403, "no_session"]);
  });

  test("sign-up is auto-claimed once: 100 gold", async () => {
    const { userId } = player();
    const bearer = await processing.token(["player"], userId, "default", { start: "signup" });
    const signup = await processing.call("POST", "/api/v1/track/signup", { token: bearer });
    expect(signup.body).toMatchObject({ message: "Sign-up tracked", status: "tracked" });
    expect(signup.body.quests[0]).toMatchObject({
      quest_name: "sign-up",
      completions: 1,
      claims: 1,
      status: "completed",
    });
    await processing.call("POST", "/api/v1/track/signup", { token: bearer });
    await eventually(() => processing.wallet.balances(userId).gold === 100n, "100 gold");
  });

  test("a player reads and changes only their own progress", async () => {
    const alice = player();
    const bob = player();
    for (let i = 0; i < 3; i++) await signIn(alice.userId);
    expect((await original(await bob.token()))?.progress).toBe(0);
    const spy = await processing.call("GET", `/api/v1/track/admin/users/${alice.userId}/progress`, {
      token: await bob.token(),
    });
    expect(spy.status).toBe(403);
    const stolen = await claim(await bob.token());
    expect(stolen.body.code).toBe("not_completed");
    const otherTenant = await processing.call("GET", "/api/v1/track/progress", {
      token: await bob.token(),
      headers: { "x-tenant-id": "acme" },
    });
    expect([otherTenant.status, otherTenant.body.code]).toEqual([403, "wrong_tenant"]);
    const admin = await processing.token(["player", "admin"]);
    const seen = await processing.call(
      "GET",
      `/api/v1/track/admin/users/${alice.userId}/progress`,
      { token: admin },
    );
    expect(seen.body.find((view: View) => view.quest_name === "sign-in-three-times")).toMatchObject(
      { completions: 1 },
    );
  });

  test("history pages through the caller's own events, oldest first", async () => {
    const { userId, token } = player();
    for (let i = 0; i < 2; i++) await signIn(userId);
    const bearer = await token();
    const first = await processing.call("GET", "/api/v1/track/history?limit=3", { token: bearer });
    expect(first.body.events.map((event: { type: string }) => event.type)).toEqual([
      "ActionTracked",
      "QuestStarted",
      "QuestProgressed",
    ]);
    expect(first.body.next_after).toBe(3);
    const second = await processing.call("GET", "/api/v1/track/history?after=3&limit=3", {
      token: bearer,
    });
    expect(second.body.events.map((event: { version: number }) => event.version)).toEqual([4, 5]);
    expect(second.body.next_after).toBeNull();
    expect(second.body.events[1]).toMatchObject({
      type: "QuestProgressed",
      data: { questName: "sign-in-three-times", progress: 2 },
      metadata: { quest_version: 1, idempotency_key: null },
    });
    const other = await processing.call("GET", "/api/v1/track/history", {
      token: await processing.token(),
    });
    expect(other.body.events).toEqual([]);
  });

  test("bad input is problem+json and writes nothing", async () => {
    const { token } = player();
    const bearer = await token();
    const cases = [
      { body: { action: "level_up", extra: 1 }, status: 422 },
      { body: { action: "Bad Action" }, status: 422 },
      { body: { action: "signin" }, status: 422 },
      { body: "{not json", status: 400 },
    ];
    for (const { body, status } of cases) {
      const answer = await processing.call("POST", "/api/v1/track/actions", {
        token: bearer,
        body,
      });
      expect(answer.status).toBe(status);
      expect(answer.headers.get("content-type")).toContain("application/problem+json");
    }
    const mismatch = await processing.call("POST", "/api/v1/track/actions", {
      token: bearer,
      body: { action: "level_up", idempotency_key: "a" },
      headers: { "idempotency-key": "b" },
    });
    expect(mismatch.status).toBe(422);
    expect((await processing.call("POST", "/api/v1/track/signin", {})).status).toBe(401);
    const history = await processing.call("GET", "/api/v1/track/history", { token: bearer });
    expect(history.body.events).toEqual([]);
  });

  test("a rebuild replays the log into the same projection, and repairs a damaged one", async () => {
    const admin = await processing.token(["player", "admin"]);
    const { userId, token } = player();
    // Two sign-ins: ActionTracked, QuestStarted, QuestProgressed, then ActionTracked, QuestProgressed.
    for (let i = 0; i < 2; i++) await signIn(userId);
    const rebuilt = await processing.call("POST", "/api/v1/track/admin/rebuild", { token: admin });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.equal).toBe(true);
    // Every event of the tenant is replayed: this test's five at least, whatever ran before it.
    expect(rebuilt.body.events).toBeGreaterThanOrEqual(5);

    const store = await processing.service.storage.tenant("default");
    const { questProgress } = store.tables;
    await store.transaction((tx) => tx.update(questProgress).set({ progress: 0 }));
    const repaired = await processing.call("POST", "/api/v1/track/admin/rebuild", { token: admin });
    expect(repaired.body.equal).toBe(false);
    expect((await original(await token()))?.progress).toBe(2);
    const player403 = await processing.call("POST", "/api/v1/track/admin/rebuild", {
      token: await token(),
    });
    expect(player403.status).toBe(403);
  });
});
