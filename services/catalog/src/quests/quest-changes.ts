import { unavailable } from "@questline/kit/errors";
import type { Quest } from "./quest";

/** One open `WatchQuests` stream's inbox. */
export interface QuestSubscription {
  /** The next change; rejects when the watcher fell too far behind or `signal` aborts. */
  next(signal: AbortSignal): Promise<Quest>;
  close(): void;
}

/**
 * Fans quest changes out to watchers. A write on this replica is published at once; the poller
 * `sync`s the tenants someone watches, which publishes what other replicas changed. A quest is
 * published once per version.
 */
export class QuestChanges {
  private readonly inboxes = new Map<string, Set<Inbox>>();
  private readonly published = new Map<string, Map<number, number>>();

  constructor(private readonly maxBuffered = 1000) {}

  /** Tenants with at least one open stream. */
  watchedTenants(): string[] {
    return [...this.inboxes.keys()];
  }

  publish(tenantId: string, quest: Quest): void {
    let versions = this.published.get(tenantId);
    if (!versions) {
      versions = new Map();
      this.published.set(tenantId, versions);
    }
    if ((versions.get(quest.id) ?? 0) >= quest.version) return;
    versions.set(quest.id, quest.version);
    for (const inbox of this.inboxes.get(tenantId) ?? []) inbox.push(quest);
  }

  /** Publishes every quest of `current` newer than what was published before. */
  sync(tenantId: string, current: readonly Quest[]): void {
    for (const quest of current) this.publish(tenantId, quest);
  }

  /** Starts receiving a tenant's changes; subscribe before reading the snapshot so none is missed. */
  subscribe(tenantId: string): QuestSubscription {
    const inbox = new Inbox(this.maxBuffered);
    const set = this.inboxes.get(tenantId) ?? new Set<Inbox>();
    set.add(inbox);
    this.inboxes.set(tenantId, set);
    return {
      next: (signal) => inbox.next(signal),
      close: () => {
        set.delete(inbox);
        if (set.size === 0) this.inboxes.delete(tenantId);
      },
    };
  }
}

class Inbox {
  private readonly buffer: Quest[] = [];
  private overflowed = false;
  private wake: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  push(quest: Quest): void {
    if (this.buffer.length >= this.limit) this.overflowed = true;
    else this.buffer.push(quest);
    this.wake?.();
  }

  async next(signal: AbortSignal): Promise<Quest> {
    for (;;) {
      const quest = this.buffer.shift();
      if (quest) return quest;
      if (this.overflowed)
        throw unavailable("watch_overflow", "The watcher fell too far behind; subscribe again");
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done);
      });
      this.wake = undefined;
    }
  }
}
