import { AppError } from "@questline/kit/errors";
import { errorCode } from "@questline/kit/storage/error-code";
import type { TenantDb } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import type { ProcessingTables } from "../schema";
import type { StoredAnswer } from "../schema/values";
import { appendBatch, type StreamCommand, type StreamOutcome } from "./append-batch";
import type { StreamState } from "./stream-state";

type Store = TenantDb<ProcessingTables>;

interface Pending {
  /** The tenant's storage handle (all handles of a tenant are interchangeable). */
  store: Store;
  command: StreamCommand;
  resolve(outcome: StreamOutcome): void;
  reject(error: unknown): void;
}

/** Commands per transaction at most: bounds a batch's statements and its latency. */
const MAX_BATCH = 256;
/** Streams whose committed state a tenant's queue remembers (least recently written leave first). */
const KNOWN_STREAMS = 10_000;
/** A concurrent writer of the same stream or key (another process) makes the batch run again. */
const MAX_ATTEMPTS = 10;

/**
 * Group commit for the event log. Every write of a tenant goes through one queue: the commands
 * that arrive in the same turn of the event loop, or while a transaction is under way, run
 * together in the next transaction (`appendBatch`). Nothing waits for a timer, so an idle tenant's
 * command runs at once; under load a transaction carries many commands, which is what lets one SQLite file
 * or one Postgres connection keep up with many requests (each transaction costs a WAL commit, or
 * a round trip per statement, whatever it carries). A command's promise settles after its batch
 * committed. Within one process this also means writers of a tenant never conflict; other
 * processes (replicas, the rebuild CLI) are caught by the stream's unique version key, and the
 * batch runs again.
 */
export class StreamWriter {
  private readonly queues = new Map<string, TenantQueue>();

  append<Answer extends StoredAnswer>(
    store: Store,
    command: StreamCommand<Answer>,
  ): Promise<StreamOutcome<Answer>> {
    let queue = this.queues.get(store.tenantId);
    if (queue === undefined) {
      queue = new TenantQueue();
      this.queues.set(store.tenantId, queue);
    }
    return queue.push(store, command) as Promise<StreamOutcome<Answer>>;
  }

  /** Forgets every stream state of the tenant (after its projection was rebuilt). */
  forgetTenant(tenantId: string): void {
    this.queues.get(tenantId)?.forgetAll();
  }
}

/**
 * The state and version of streams as this process last committed them, so a command on a stream
 * written recently needs no read. Only a committed batch updates it; a failed one forgets its
 * streams. Another process's append makes an entry stale, which the unique version key catches.
 */
class KnownStreams {
  readonly #entries = new Map<string, StreamState>();

  get(userId: string): StreamState | undefined {
    return this.#entries.get(userId);
  }

  remember(streams: ReadonlyMap<string, StreamState>): void {
    for (const [userId, stream] of streams) {
      this.#entries.delete(userId);
      this.#entries.set(userId, stream);
    }
    for (const userId of this.#entries.keys()) {
      if (this.#entries.size <= KNOWN_STREAMS) break;
      this.#entries.delete(userId);
    }
  }

  forget(userIds: Iterable<string>): void {
    for (const userId of userIds) this.#entries.delete(userId);
  }

  forgetAll(): void {
    this.#entries.clear();
  }
}

class TenantQueue {
  private pending: Pending[] = [];
  private readonly known = new KnownStreams();

  forgetAll(): void {
    this.known.forgetAll();
  }
  /** A drain is scheduled or under way: new commands only join the queue. */
  private active = false;

  push(store: Store, command: StreamCommand): Promise<StreamOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ store, command, resolve, reject });
      if (this.active) return;
      this.active = true;
      // One turn of the event loop first: on SQLite a transaction runs synchronously, so without
      // this the requests already read from the sockets would never meet in one batch.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await runBatch(batch, this.known);
      }
    } finally {
      this.active = false;
    }
  }
}

/**
 * Runs `batch` in one transaction and settles every command. A failed transaction wrote nothing:
 * after a unique-key conflict it runs again (the next read sees the other writer's commit); when
 * it keeps failing, each command runs alone, so one command's fault is only that command's.
 */
async function runBatch(batch: readonly Pending[], known: KnownStreams): Promise<void> {
  const store = batch[0]?.store;
  if (store === undefined) return;
  const commands = batch.map((pending) => pending.command);
  for (let attempt = 1; ; attempt++) {
    try {
      const { results, streams } = await store.transaction((tx) =>
        appendBatch(store, tx, commands, (userId) => known.get(userId)),
      );
      known.remember(streams);
      batch.forEach((pending, index) => {
        const result = results[index];
        if (result?.ok) pending.resolve(result.outcome);
        else pending.reject(result ? result.error : new Error("the batch lost this command"));
      });
      return;
    } catch (error) {
      // What this batch assumed about its streams may be what made it fail: read them again.
      known.forget(commands.map((command) => command.userId));
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      if (batch.length > 1) {
        for (const pending of batch) await runBatch([pending], known);
        return;
      }
      batch[0]?.reject(asWriteError(error));
      return;
    }
  }
}

/** Postgres gave up re-running the transaction (the kit retries serialization failures first). */
const isSerializationFailure = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === "40001" || code === "40P01";
};

const asWriteError = (error: unknown): unknown =>
  isUniqueViolation(error) || isSerializationFailure(error)
    ? new AppError(
        "unavailable",
        "write_conflict",
        "Too many concurrent changes to this stream; retry",
        {
          cause: error,
          retryAfter: 1,
        },
      )
    : error;
