import type { Logger } from "@questline/kit/logger";
import type { ServiceStorage } from "@questline/kit/storage/types";
import type { ProcessingTables } from "../schema";
import type { GrantNotifier } from "../tracking/tracker";
import { leaseDueGrants, markDelivered, markFailed } from "./grant-outbox";
import type { Wallet } from "./wallet-client";

export interface DelivererOptions {
  storage: ServiceStorage<ProcessingTables>;
  wallet: Wallet;
  logger: Logger;
  /** How often the outbox is swept for due grants (default 1 s). */
  pollMs?: number;
  /** First retry delay, doubled per attempt up to `maxBackoffMs` (defaults 500 ms, 60 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a replica holds the grants it took before another may take them (default 30 s). */
  leaseMs?: number;
  clock?: () => Date;
}

const BATCH = 50;

/** The delay before attempt `attempts + 1`: exponential with jitter, capped. */
export function retryDelayMs(attempts: number, minMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, minMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + Math.random() / 2));
}

/**
 * Delivers the outbox's grants to the wallet: at once after a claim commits, then by sweeping
 * every tenant's outbox, retrying with backoff until auth answers. Rows are leased, so several
 * replicas share the work; `grant_id` makes a delivery that is repeated (a lease that ran out
 * mid-call) harmless.
 */
export class GrantDeliverer implements GrantNotifier {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private sweeping = false;
  private stopped = false;

  constructor(private readonly options: DelivererOptions) {}

  committed(tenantId: string, grantIds: readonly string[]): void {
    this.track(this.deliver(tenantId, grantIds));
  }

  start(): void {
    this.timer = setInterval(() => {
      if (!this.sweeping) this.track(this.sweep());
    }, this.options.pollMs ?? 1000);
  }

  /** Stops sweeping and waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One pass over every tenant's due grants. */
  async sweep(): Promise<void> {
    this.sweeping = true;
    try {
      for (const tenantId of await this.options.storage.listTenants()) {
        if (this.stopped) return;
        await this.deliver(tenantId);
      }
    } finally {
      this.sweeping = false;
    }
  }

  private async deliver(tenantId: string, grantIds?: readonly string[]): Promise<void> {
    const { storage, wallet, logger } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    try {
      const store = await storage.tenant(tenantId);
      const leaseMs = this.options.leaseMs ?? 30_000;
      const rows = await leaseDueGrants(store, { now: clock(), leaseMs, limit: BATCH, grantIds });
      for (const row of rows) {
        try {
          const { duplicate } = await wallet.grant(tenantId, row);
          await markDelivered(store, row.id, clock());
          logger.info("grant delivered", { tenant: tenantId, grant_id: row.grantId, duplicate });
        } catch (error) {
          const delay = retryDelayMs(
            row.attempts + 1,
            this.options.minBackoffMs ?? 500,
            this.options.maxBackoffMs ?? 60_000,
          );
          await markFailed(store, row, new Date(clock().getTime() + delay), String(error));
          logger.warn("grant delivery failed", {
            tenant: tenantId,
            grant_id: row.grantId,
            retry_in_ms: delay,
            error,
          });
        }
      }
    } catch (error) {
      logger.warn("grant outbox unavailable", { tenant: tenantId, error });
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
