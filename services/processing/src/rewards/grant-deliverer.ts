import type { Logger } from "@questline/kit/logger";
import { type Backoff, startOutboxDeliverer } from "@questline/kit/outbox/deliverer";
import type { ServiceStorage } from "@questline/kit/storage/types";
import type { ProcessingTables } from "../schema";
import type { GrantNotifier } from "../tracking/service";
import { grantOutbox, type OutboxRow } from "./grant-outbox";
import type { Wallet } from "./wallet-client";

export interface GrantDelivererOptions {
  storage: ServiceStorage<ProcessingTables>;
  wallet: Wallet;
  logger: Logger;
  /** How often every tenant's outbox is swept for due grants. */
  pollMs: number;
  backoff: Backoff;
}

/** What the tracker tells about new grants, and how the service stops delivering. */
export interface GrantDeliverer extends GrantNotifier {
  stop(): Promise<void>;
}

/**
 * Delivers the outbox's grants to the wallet through the kit's outbox deliverer: at once after a
 * claim commits, then by sweeping every tenant's outbox, retrying with backoff until auth answers.
 * Rows are leased, so several replicas share the work; `grant_id` makes a delivery that is
 * repeated (a lease that ran out mid-call) harmless.
 */
export function startGrantDeliverer(options: GrantDelivererOptions): GrantDeliverer {
  const { storage, wallet, logger } = options;
  const deliverer = startOutboxDeliverer<OutboxRow>({
    name: "grants",
    tenants: () => storage.listTenants(),
    store: grantOutbox(storage),
    async deliver(tenantId, row) {
      const { duplicate } = await wallet.grant(tenantId, row);
      logger.info("grant delivered", { tenant: tenantId, grant_id: row.grantId, duplicate });
    },
    logger,
    intervalMs: options.pollMs,
    backoff: options.backoff,
  });
  return {
    committed(tenantId, grantIds) {
      void deliverer.deliverNow(tenantId, grantIds);
    },
    stop: () => deliverer.stop(),
  };
}
