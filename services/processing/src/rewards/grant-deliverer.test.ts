/**
 * The outbox against a wallet that goes away: the claim still succeeds, the grant waits and is
 * retried with backoff, and lands exactly once when the wallet answers again. The peer here is the
 * recording WalletService (`testing/recording-wallet.ts`); `wallet-auth.test.ts` runs it with auth.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { startTestProcessing, type TestProcessing } from "../testing/harness";
import { grantOutbox, pendingGrants } from "./grant-outbox";

describeEach("grant delivery on %s", await testDialects(), (dialect) => {
  let processing: TestProcessing;

  beforeAll(async () => {
    processing = await startTestProcessing(dialect);
  });
  afterAll(() => processing.close());

  const completeOriginalQuest = async (userId: string) => {
    for (let i = 0; i < 3; i++) {
      const token = await processing.token(["player"], userId);
      await processing.call("POST", "/api/v1/track/signin", { token });
    }
  };

  test("wallet down: the claim succeeds, the grant is retried and lands once when it is back", async () => {
    const userId = crypto.randomUUID();
    await completeOriginalQuest(userId);
    await processing.wallet.stop();
    const token = await processing.token(["player"], userId);
    const claimed = await processing.call("POST", "/api/v1/track/claim_reward", {
      token,
      body: { quest_name: "sign-in-three-times" },
    });
    expect(claimed.status).toBe(200);

    const store = await processing.service.storage.tenant("default");
    await eventually(
      async () =>
        (await pendingGrants(store)).some((row) => row.userId === userId && row.attempts >= 2),
      "two failed attempts",
    );
    const [waiting] = (await pendingGrants(store)).filter((row) => row.userId === userId);
    expect(waiting?.lastError).toBeString();

    await processing.wallet.start();
    await eventually(async () => (await pendingGrants(store)).length === 0, "the outbox to drain");
    expect(processing.wallet.grants().filter((grant) => grant.userId === userId)).toEqual([
      {
        tenantId: "default",
        grantId: expect.stringMatching(/^claim:/),
        userId,
        items: [{ item: "diamond", qty: 10 }],
      },
    ]);
    expect(processing.wallet.balances(userId)).toEqual({ diamond: 10n });
  });

  test("two replicas leasing at once never take the same grant", async () => {
    const store = await processing.service.storage.tenant("default");
    const dueAt = new Date(Date.now() + 3_600_000);
    const rows = Array.from({ length: 20 }, (_, index) => ({
      tenantId: "default",
      grantId: `race-${index}-${crypto.randomUUID()}`,
      userId: "racer",
      items: [{ item: "gold", qty: 1 }],
      reason: "race",
      attempts: 0,
      nextAttemptAt: dueAt,
      createdAt: dueAt,
    }));
    await store.transaction((tx) => tx.insert(store.tables.outbox).values(rows));
    const outbox = grantOutbox(processing.service.storage);
    const later = dueAt.getTime() + 1000;
    const grantIds = rows.map((row) => row.grantId);
    const replicas = await Promise.all([
      outbox.lease("default", later, later + 30_000, 15, grantIds),
      outbox.lease("default", later, later + 30_000, 15, grantIds),
    ]);
    const leased = replicas.flat().map((row) => row.grantId);
    expect(leased.toSorted()).toEqual(grantIds.toSorted());
  });

  test("a leased grant is not taken by a second replica until its lease runs out", async () => {
    const userId = crypto.randomUUID();
    await processing.wallet.stop();
    await completeOriginalQuest(userId);
    const token = await processing.token(["player"], userId);
    await processing.call("POST", "/api/v1/track/claim_reward", {
      token,
      body: { quest_name: "sign-in-three-times" },
    });
    await processing.service.deliverer.stop();
    const store = await processing.service.storage.tenant("default");
    const [row] = (await pendingGrants(store)).filter((one) => one.userId === userId);
    if (!row) throw new Error("the claim left no grant in the outbox");
    const outbox = grantOutbox(processing.service.storage);
    const later = row.nextAttemptAt.getTime() + 120_000;
    const lease = (now: number) => outbox.lease("default", now, now + 30_000, 10, [row.grantId]);
    const first = await lease(later);
    const second = await lease(later);
    const expired = await lease(later + 31_000);
    expect([first.length, second.length, expired.length]).toEqual([1, 0, 1]);
    await processing.wallet.start();
  });
});
