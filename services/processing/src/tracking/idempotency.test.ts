/**
 * An idempotency key stands for one request (Stripe's rule): the same key with another body or on
 * another route is 422 `idempotency_key_reused`. Before, the first answer came back: "Reward
 * claimed successfully" for a quest never claimed, or one that does not exist.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { startTestProcessing, type TestProcessing } from "../testing/harness";

describeEach("idempotency keys bind the request on %s", await testDialects(), (dialect) => {
  let processing: TestProcessing;

  beforeAll(async () => {
    processing = await startTestProcessing(dialect);
  });
  afterAll(() => processing.close());

  /** A player with one claimable completion of the original quest. */
  async function claimablePlayer() {
    const userId = crypto.randomUUID();
    for (let signIn = 0; signIn < 3; signIn++) {
      const token = await processing.token(["player"], userId);
      expect((await processing.call("POST", "/api/v1/track/signin", { token })).status).toBe(200);
    }
    return processing.token(["player"], userId);
  }

  const claim = (token: string, questName: string, key: string) =>
    processing.call("POST", "/api/v1/track/claim_reward", {
      token,
      body: { quest_name: questName },
      headers: { "idempotency-key": key },
    });
  const track = (token: string, action: string, key: string) =>
    processing.call("POST", "/api/v1/track/actions", {
      token,
      body: { action, idempotency_key: key },
    });
  const historyLength = async (token: string) =>
    (await processing.call("GET", "/api/v1/track/history", { token })).body.events.length;

  test("a claim key reused for another quest is refused, not answered 'claimed'", async () => {
    const token = await claimablePlayer();
    const key = `claim-${crypto.randomUUID()}`;
    expect((await claim(token, "sign-in-three-times", key)).status).toBe(200);
    const events = await historyLength(token);
    for (const quest of ["sign-up", "no-such-quest"]) {
      const reused = await claim(token, quest, key);
      expect([reused.status, reused.body.code, reused.headers.get("content-type")]).toEqual([
        422,
        "idempotency_key_reused",
        "application/problem+json",
      ]);
    }
    const retry = await claim(token, "sign-in-three-times", key);
    expect([retry.status, retry.body.message]).toEqual([200, "Reward claimed successfully"]);
    expect(await historyLength(token)).toBe(events);
  });

  test("an action key reused for another action is refused; the same action is a duplicate", async () => {
    const token = await processing.token(["player"]);
    const key = `action-${crypto.randomUUID()}`;
    expect((await track(token, "level_up", key)).body.status).toBe("tracked");
    const events = await historyLength(token);
    const reused = await track(token, "chest_opened", key);
    expect([reused.status, reused.body.code]).toEqual([422, "idempotency_key_reused"]);
    expect((await track(token, "level_up", key)).body.status).toBe("duplicate");
    expect(await historyLength(token)).toBe(events);
  });

  test("a key is one request across routes: an action's key on a claim and back", async () => {
    const token = await claimablePlayer();
    const actionKey = `shared-${crypto.randomUUID()}`;
    expect((await track(token, "level_up", actionKey)).status).toBe(200);
    const events = await historyLength(token);
    const onClaim = await claim(token, "sign-in-three-times", actionKey);
    expect([onClaim.status, onClaim.body.code]).toEqual([422, "idempotency_key_reused"]);
    expect(await historyLength(token)).toBe(events);

    const claimKey = `shared-${crypto.randomUUID()}`;
    expect((await claim(token, "sign-in-three-times", claimKey)).status).toBe(200);
    const onAction = await track(token, "level_up", claimKey);
    expect([onAction.status, onAction.body.code]).toEqual([422, "idempotency_key_reused"]);
  });

  test("two requests racing with one key and different bodies: one wins, the other is refused", async () => {
    const token = await processing.token(["player"]);
    const key = `race-${crypto.randomUUID()}`;
    const answers = await Promise.all([
      track(token, "level_up", key),
      track(token, "chest_opened", key),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    const history = await processing.call("GET", "/api/v1/track/history", { token });
    const tracked = history.body.events.filter(
      (event: { type: string }) => event.type === "ActionTracked",
    );
    expect(tracked).toHaveLength(1);
  });
});
