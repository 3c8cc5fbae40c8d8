import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLogger } from "@questline/kit/logger";
import { startOutboxDeliverer } from "@questline/kit/outbox/deliverer";
import { testDialects } from "@questline/kit/testing/dialects";
import type { SignedInEvent } from "../accounts/service";
import { type AuthHarness, startAuth } from "../testing/auth-harness";
import { type ActionReport, actionIdOf, recordReport, reportStore } from "./report-outbox";

const logger = createLogger({ service: "auth", write: () => undefined });

const signIn = (userId: string): SignedInEvent => ({
  action: "signin",
  occurredAt: Date.now(),
  principal: {
    userId,
    tenantId: "default",
    roles: ["player"],
    jti: crypto.randomUUID(),
    expiresAt: 0,
    session: { id: crypto.randomUUID(), start: "signin" },
  },
});

describe.each(await testDialects())("the sign-in report outbox on %s", (dialect) => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth(dialect);
  });
  afterAll(() => auth.close());

  async function record(events: SignedInEvent[]) {
    const store = await auth.service.storage.tenant("default");
    await store.transaction(async (tx) => {
      for (const event of events) await recordReport(tx, store.tables, event, 0);
    });
  }

  test("two replicas leasing at once never get the same report", async () => {
    const events = Array.from({ length: 20 }, (_, index) => signIn(`lease-${index}`));
    await record(events);
    const store = reportStore(auth.service.storage);
    const now = Date.now();
    const [first, second] = await Promise.all([
      store.lease("default", now, now + 30_000, 15),
      store.lease("default", now, now + 30_000, 15),
    ]);
    const leased = [...(first ?? []), ...(second ?? [])].map((report) => report.actionId);
    expect(new Set(leased).size).toBe(leased.length);
    expect(leased.length).toBe(20);
  });

  test("a report whose delivery fails is retried until it lands, then never sent again", async () => {
    const event = signIn("retried");
    await record([event]);
    const sent: string[] = [];
    let failuresLeft = 2;
    let clock = Date.now();
    const deliverer = startOutboxDeliverer<ActionReport>({
      name: "test",
      tenants: async () => ["default"],
      store: reportStore(auth.service.storage),
      deliver: async (_tenant, report) => {
        if (report.actionId !== actionIdOf(event)) return;
        if (failuresLeft-- > 0) throw new Error("processing unavailable");
        sent.push(report.actionId);
      },
      logger,
      intervalMs: 10,
      clock: () => clock,
    });
    try {
      while (sent.length === 0) {
        clock += 600_000; // past any backoff
        deliverer.kick();
        await Bun.sleep(20);
      }
      for (let pass = 0; pass < 5; pass++) {
        clock += 600_000;
        deliverer.kick();
        await Bun.sleep(20);
      }
    } finally {
      await deliverer.stop();
    }
    expect(sent).toEqual([actionIdOf(event)]);
  });
});
