import type { Logger } from "../logger";

/** A row of an outbox, as much as the deliverer needs to know of it. */
export interface OutboxItem {
  attempts: number;
}

/**
 * Where a service keeps what it still has to deliver. `lease` must be atomic (one transaction):
 * the items it returns are hidden from other replicas until `leaseUntil`, so two replicas never
 * deliver the same item at once. Delivery must still be idempotent downstream: a replica that dies
 * after delivering but before `delivered` leaves the item to be delivered again after its lease.
 */
export interface OutboxStore<T extends OutboxItem> {
  lease(tenantId: string, now: number, leaseUntil: number, limit: number): Promise<T[]>;
  delivered(tenantId: string, item: T, now: number): Promise<void>;
  failed(tenantId: string, item: T, nextAttemptAt: number, error: string): Promise<void>;
}

export interface OutboxDelivererOptions<T extends OutboxItem> {
  /** Names the outbox in logs. */
  name: string;
  tenants: () => Promise<string[]>;
  store: OutboxStore<T>;
  deliver: (tenantId: string, item: T) => Promise<void>;
  logger: Logger;
  intervalMs?: number;
  leaseMs?: number;
  batchSize?: number;
  clock?: () => number;
}

/** Exponential backoff with jitter: ~1 s, 2 s, 4 s … capped at 5 minutes. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(attempts, 20));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Delivers what an outbox holds until it is empty, every `intervalMs` and whenever `kick()` is
 * called; failures are retried with backoff, forever (what is in an outbox was promised).
 */
export function startOutboxDeliverer<T extends OutboxItem>(options: OutboxDelivererOptions<T>) {
  const clock = options.clock ?? Date.now;
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 50;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function deliverDue(): Promise<void> {
    for (const tenantId of await options.tenants()) {
      for (;;) {
        const now = clock();
        const items = await options.store.lease(tenantId, now, now + leaseMs, batchSize);
        for (const item of items) await deliverOne(tenantId, item);
        if (items.length < batchSize || stopped) break;
      }
    }
  }

  async function deliverOne(tenantId: string, item: T): Promise<void> {
    try {
      await options.deliver(tenantId, item);
      await options.store.delivered(tenantId, item, clock());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const next = clock() + retryDelayMs(item.attempts);
      await options.store.failed(tenantId, item, next, message);
      options.logger.warn("outbox delivery failed; will retry", {
        outbox: options.name,
        tenant: tenantId,
        attempts: item.attempts + 1,
        error: message,
      });
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDue()
      .catch((error: unknown) =>
        options.logger.warn("outbox pass failed", { outbox: options.name, error }),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  }

  const timer = setInterval(run, options.intervalMs ?? 1000);
  run();
  return {
    /** Starts a pass now (e.g. right after something was added). */
    kick: run,
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
