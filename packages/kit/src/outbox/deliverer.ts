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
  /**
   * Leases up to `limit` due items (undelivered, due by `now`, not leased by anyone), oldest due
   * first; with `ids`, only the items of those ids (the ones a caller just committed).
   */
  lease(
    tenantId: string,
    now: number,
    leaseUntil: number,
    limit: number,
    ids?: readonly string[],
  ): Promise<T[]>;
  delivered(tenantId: string, item: T, now: number): Promise<void>;
  failed(tenantId: string, item: T, nextAttemptAt: number, error: string): Promise<void>;
}

/** How long to wait after a failure: `firstMs` after the first, doubling up to `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** 1 s after the first failure, doubling up to 5 minutes. */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 300_000 };

export interface OutboxDelivererOptions<T extends OutboxItem> {
  /** Names the outbox in logs. */
  name: string;
  tenants: () => Promise<string[]>;
  store: OutboxStore<T>;
  /** Throws when the item did not get through; it is then retried after a backoff. */
  deliver: (tenantId: string, item: T) => Promise<void>;
  logger: Logger;
  /** How often every tenant's outbox is swept (default 1 s). */
  intervalMs?: number;
  /** How long a replica holds what it leased before another may take it (default 30 s). */
  leaseMs?: number;
  /** How many items a sweep leases at a time (default 50). */
  batchSize?: number;
  /** Retry delays (default `DEFAULT_BACKOFF`). */
  backoff?: Backoff;
  clock?: () => number;
}

export interface OutboxDeliverer {
  /** Starts a sweep now (e.g. right after something was added). */
  kick(): void;
  /**
   * Delivers these items of the tenant at once, if they are due and nobody holds them. Never
   * rejects: what fails here is retried by the sweeps.
   */
  deliverNow(tenantId: string, ids: readonly string[]): Promise<void>;
  /** Stops sweeping and waits for the deliveries under way. */
  stop(): Promise<void>;
}

/**
 * The wait after a failed attempt, `attempts` being the attempts that failed before it:
 * exponential, with ±25 % jitter so that replicas do not retry in step, never above `maxMs`.
 */
export function retryDelayMs(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponential = backoff.firstMs * 2 ** Math.min(attempts, 30);
  const jittered = exponential * (0.75 + Math.random() * 0.5);
  return Math.round(Math.min(backoff.maxMs, jittered));
}

/**
 * Delivers what an outbox holds until it is empty, every `intervalMs` and whenever `kick()` is
 * called, and given items at once with `deliverNow`; failures are retried with backoff, forever
 * (what is in an outbox was promised).
 */
export function startOutboxDeliverer<T extends OutboxItem>(
  options: OutboxDelivererOptions<T>,
): OutboxDeliverer {
  const { store, logger, name } = options;
  const clock = options.clock ?? Date.now;
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 50;
  const inFlight = new Set<Promise<void>>();
  let sweeping = false;
  let again = false;
  let stopped = false;

  async function deliverOne(tenantId: string, item: T): Promise<void> {
    try {
      await options.deliver(tenantId, item);
      await store.delivered(tenantId, item, clock());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelayMs(item.attempts, options.backoff);
      await store.failed(tenantId, item, clock() + delay, message);
      logger.warn("outbox delivery failed; will retry", {
        outbox: name,
        tenant: tenantId,
        attempts: item.attempts + 1,
        retry_in_ms: delay,
        error: message,
      });
    }
  }

  /** Leases and delivers one batch; returns how many items it leased. */
  async function deliverBatch(tenantId: string, limit: number, ids?: readonly string[]) {
    const now = clock();
    const items = await store.lease(tenantId, now, now + leaseMs, limit, ids);
    for (const item of items) await deliverOne(tenantId, item);
    return items.length;
  }

  /** One tenant whose storage fails must not hold up the others: log it, the next sweep retries. */
  async function guarded(tenantId: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.warn("outbox unavailable", { outbox: name, tenant: tenantId, error });
    }
  }

  async function drain(tenantId: string): Promise<void> {
    let leased = batchSize;
    while (leased === batchSize && !stopped) leased = await deliverBatch(tenantId, batchSize);
  }

  async function sweep(): Promise<void> {
    for (const tenantId of await options.tenants()) {
      if (stopped) return;
      await guarded(tenantId, () => drain(tenantId));
    }
  }

  function track(work: Promise<void>): Promise<void> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  function kick(): void {
    if (stopped) return;
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = true;
    void track(
      sweep()
        .catch((error: unknown) => logger.warn("outbox sweep failed", { outbox: name, error }))
        .finally(() => {
          sweeping = false;
          if (again) {
            again = false;
            kick();
          }
        }),
    );
  }

  const timer = setInterval(kick, options.intervalMs ?? 1000);
  kick();
  return {
    kick,
    deliverNow(tenantId, ids) {
      if (stopped || ids.length === 0) return Promise.resolve();
      return track(guarded(tenantId, () => deliverBatch(tenantId, ids.length, ids)));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
