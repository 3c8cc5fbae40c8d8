import { afterAll, beforeAll, expect, test } from "bun:test";
import { createLogger } from "@questline/kit/logger";
import { startOutboxDeliverer } from "@questline/kit/outbox/deliverer";
import { testDialects } from "@questline/kit/testing/dialects";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import type { SignedInEvent } from "../accounts/service";
import { type AuthHarness, startAuth } from "../testing/harness";
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

describeEach("the sign-in report outbox on %s", await testDialects(), (dialect) => {
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
    const attempts: string[] = [];
    let sweeps = 0;
    const deliverer = startOutboxDeliverer<ActionReport>({
      name: "test",
      // Called once at the start of each sweep: counting calls counts sweeps.
      tenants: async () => {
        sweeps++;
        return ["default"];
      },
      store: reportStore(auth.service.storage),
      deliver: async (_tenant, report) => {
        if (report.actionId !== actionIdOf(event)) return;
        attempts.push(attempts.length < 2 ? "failed" : "sent");
        if (attempts.length <= 2) throw new Error("processing unavailable");
      },
      logger,
      intervalMs: 10,
      backoff: { firstMs: 1, maxMs: 1 },
    });
    try {
      await eventually(() => attempts.includes("sent"), "the report to land");
      // Five whole sweeps after the one that delivered it: none may send it again.
      const landedBy = sweeps;
      await eventually(() => sweeps >= landedBy + 6, "five more sweeps");
    } finally {
      await deliverer.stop();
    }
    expect(attempts).toEqual(["failed", "failed", "sent"]);
  });
});
