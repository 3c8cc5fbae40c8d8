/**
 * Counts of open long-lived streams (a `WatchQuests`, any server stream), per caller, per client
 * address and in all, so one player cannot hold every connection a process has: a stream over a
 * limit is refused at once (the caller gets 429 / ResourceExhausted with Retry-After), never
 * queued. Counts are per process; each replica enforces its own.
 */

export interface StreamLimits {
  /** Streams one caller (a tenant's user) may hold open. */
  perPrincipal: number;
  /** Streams one client address may hold open, whoever the callers are. */
  perAddress: number;
  /** Streams the process holds open in all; unbounded when absent. */
  total?: number;
}

/** The defaults of `STREAM_LIMIT_PER_USER` and `STREAM_LIMIT_PER_ADDRESS`. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perPrincipal: 8, perAddress: 64 };

/** Who opens a stream: the caller (`tenant/user`) when known, and the client's address. */
export interface StreamHolder {
  principal?: string;
  address: string;
}

export type StreamScope = "principal" | "address" | "total";

export type StreamAdmission =
  | { admitted: true; release(): void }
  | { admitted: false; scope: StreamScope; limit: number };

/** How long a refused caller should wait: a slot frees when a stream ends, which nobody knows. */
export const STREAM_RETRY_AFTER_SECONDS = 5;

export class StreamSlots {
  private readonly byPrincipal = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: StreamLimits) {}

  /** Takes a slot for `holder`, or says which limit is full. `release` is safe to call twice. */
  admit(holder: StreamHolder): StreamAdmission {
    const { limits } = this;
    if (limits.total !== undefined && this.total >= limits.total) {
      return { admitted: false, scope: "total", limit: limits.total };
    }
    if ((this.byAddress.get(holder.address) ?? 0) >= limits.perAddress) {
      return { admitted: false, scope: "address", limit: limits.perAddress };
    }
    const { principal } = holder;
    if (principal !== undefined && (this.byPrincipal.get(principal) ?? 0) >= limits.perPrincipal) {
      return { admitted: false, scope: "principal", limit: limits.perPrincipal };
    }
    this.total++;
    add(this.byAddress, holder.address, 1);
    if (principal !== undefined) add(this.byPrincipal, principal, 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        add(this.byAddress, holder.address, -1);
        if (principal !== undefined) add(this.byPrincipal, principal, -1);
      },
    };
  }

  /** Streams open now. */
  get open(): number {
    return this.total;
  }
}

function add(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

/** The caller's key for `perPrincipal`: the same user id in two tenants is two callers. */
export const principalKeyOf = (principal: { tenantId: string; userId: string }): string =>
  `${principal.tenantId}/${principal.userId}`;

/** What a refusal tells the caller. */
export const streamRefusalDetail = (scope: StreamScope, limit: number): string =>
  scope === "total"
    ? `This server holds as many open streams as it may (${limit}); retry after the time in Retry-After`
    : `Too many open streams for this ${scope === "principal" ? "user" : "address"} (at most ${limit}); close one or retry after the time in Retry-After`;
