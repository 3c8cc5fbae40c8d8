import { describe, expect, test } from "bun:test";
import { createLogger } from "../logger";
import { eventually } from "../testing/eventually";
import { type OutboxDelivererOptions, retryDelayMs, startOutboxDeliverer } from "./deliverer";
import { type Parcel, parcelOutbox } from "./testdata/parcel-outbox-bun";

const logger = createLogger({ service: "outbox-test", write: () => undefined });
const HOUR = 3_600_000;

type Outbox = ReturnType<typeof parcelOutbox>;

/**
 * A deliverer over `outbox` whose own sweeps run only when a test kicks them, and `sweep()`, which
 * kicks it and waits until a whole sweep has run since.
 */
function deliverer(outbox: Outbox, options: Partial<OutboxDelivererOptions<Parcel>>) {
  let sweeps = 0;
  const tenants = options.tenants ?? (async () => ["north"]);
  const running = startOutboxDeliverer<Parcel>({
    name: "parcels",
    store: outbox.store,
    deliver: async () => undefined,
    logger,
    intervalMs: HOUR,
    ...options,
    tenants: () => {
      sweeps += 1;
      return tenants();
    },
  });
  async function sweep(): Promise<void> {
    const before = sweeps;
    running.kick();
    await eventually(() => sweeps > before, "a sweep after the kick");
    // Sweeps never overlap: the next one to start proves this one over.
    const started = sweeps;
    running.kick();
    await eventually(() => sweeps > started, "that sweep to end");
  }
  return Object.assign(running, { sweep });
}

describe("retryDelayMs", () => {
  const backoff = { firstMs: 100, maxMs: 1000 };

  test("starts at firstMs and doubles per failed attempt, give or take a quarter", () => {
    for (let run = 0; run < 50; run++) {
      expect(retryDelayMs(0, backoff)).toBeWithin(75, 126);
      expect(retryDelayMs(2, backoff)).toBeWithin(300, 501);
    }
  });

  test("never waits longer than maxMs, jitter included", () => {
    for (let run = 0; run < 50; run++) expect(retryDelayMs(3, backoff)).toBeWithin(600, 1001);
    expect(retryDelayMs(40, backoff)).toBe(1000);
  });

  test("defaults to 1 s doubling up to 5 minutes", () => {
    expect(retryDelayMs(0)).toBeWithin(750, 1251);
    expect(retryDelayMs(20)).toBe(300_000);
  });
});

describe("the outbox deliverer", () => {
  test("a sweep delivers every due item once, batch after batch, and leaves the others", async () => {
    const outbox = parcelOutbox(["north"]);
    const now = Date.now();
    outbox.add("north", ["a", "b", "c", "d", "e"], now - 1000);
    outbox.add("north", ["later"], now + HOUR);
    const sent: string[] = [];
    const running = deliverer(outbox, {
      batchSize: 2,
      clock: () => now,
      deliver: async (_tenant, parcel) => void sent.push(parcel.id),
    });
    await running.sweep();
    await running.sweep();
    await running.stop();
    expect(sent.toSorted()).toEqual(["a", "b", "c", "d", "e"]);
    expect(outbox.parcel("north", "a")).toMatchObject({ attempts: 1, deliveredAt: now });
    expect(outbox.parcel("north", "later")?.deliveredAt).toBeNull();
  });

  test("a failed delivery waits out its backoff, then is retried until it lands", async () => {
    const outbox = parcelOutbox(["north"]);
    let clock = Date.now();
    outbox.add("north", ["flaky"], clock);
    let failuresLeft = 2;
    const sent: string[] = [];
    const running = deliverer(outbox, {
      backoff: { firstMs: 1000, maxMs: 60_000 },
      clock: () => clock,
      deliver: async (_tenant, parcel) => {
        if (failuresLeft-- > 0) throw new Error("receiver unavailable");
        sent.push(parcel.id);
      },
    });
    await running.sweep();
    const waiting = outbox.parcel("north", "flaky");
    expect(waiting).toMatchObject({ attempts: 1, lastError: "receiver unavailable" });
    expect((waiting?.nextAttemptAt ?? 0) - clock).toBeWithin(750, 1251);

    await running.sweep();
    expect(outbox.parcel("north", "flaky")?.attempts).toBe(1);
    clock += 60_000;
    await running.sweep();
    expect(outbox.parcel("north", "flaky")).toMatchObject({ attempts: 2, deliveredAt: null });
    clock += 60_000;
    await running.sweep();
    await running.sweep();
    await running.stop();
    expect(sent).toEqual(["flaky"]);
    expect(outbox.parcel("north", "flaky")).toMatchObject({ attempts: 3, deliveredAt: clock });
  });

  test("deliverNow delivers only the given items that are due and free, before it resolves", async () => {
    const outbox = parcelOutbox(["north"]);
    const now = Date.now();
    outbox.add("north", ["mine", "other", "taken"], now);
    outbox.add("north", ["future"], now + HOUR);
    await outbox.store.lease("north", now, now + HOUR, 10, ["taken"]);
    const sent: string[] = [];
    const running = deliverer(outbox, {
      tenants: async () => [],
      deliver: async (_tenant, parcel) => void sent.push(parcel.id),
    });
    await running.deliverNow("north", ["mine", "future", "taken"]);
    await running.stop();
    expect(sent).toEqual(["mine"]);
    expect(outbox.parcel("north", "other")?.deliveredAt).toBeNull();
  });

  test("a tenant whose storage fails does not hold up the others", async () => {
    const outbox = parcelOutbox(["broken", "north"]);
    outbox.add("north", ["parcel"], Date.now());
    outbox.breakTenant("broken");
    const sent: string[] = [];
    const running = deliverer(outbox, {
      tenants: async () => ["broken", "north"],
      deliver: async (tenantId, parcel) => void sent.push(`${tenantId}/${parcel.id}`),
    });
    await running.sweep();
    await running.stop();
    expect(sent).toEqual(["north/parcel"]);
  });

  test("stop waits for the delivery under way, which is then recorded", async () => {
    const outbox = parcelOutbox(["north"]);
    outbox.add("north", ["slow"], Date.now());
    const started = Promise.withResolvers<void>();
    const release = Promise.withResolvers<void>();
    const running = deliverer(outbox, {
      tenants: async () => [],
      deliver: async () => {
        started.resolve();
        await release.promise;
      },
    });
    void running.deliverNow("north", ["slow"]);
    await started.promise;
    const stopped = running.stop();
    release.resolve();
    await stopped;
    expect(outbox.parcel("north", "slow")?.deliveredAt).toBeNumber();
  });
});
