/**
 * Postgres for a Workers-style runtime, where an I/O object made while serving one request must not
 * be used by another (workerd refuses it): each request gets its own connection, opened by its
 * first query and closed when the request is done. A read the cache answers opens none. Which
 * request is being served follows the call chain (`AsyncLocalStorage`), so the repositories and
 * the storage interface stay what they are on a long-running process.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../logger";
import { connectPostgres, type PostgresConnection, postgresStorage } from "./postgres-storage";
import type { ServiceStorage } from "./types";

interface RequestConnection {
  opened?: PostgresConnection;
}

export interface PerRequestPostgres<T> {
  storage: ServiceStorage<T>;
  /**
   * Runs `serve` with a connection of its own (opened on first use). When `serve` has settled, the
   * connection's close is handed to `release`: the platform's `waitUntil`, so the answer does not
   * wait for it.
   */
  scope<R>(serve: () => Promise<R>, release: (closing: Promise<void>) => void): Promise<R>;
}

export function perRequestPostgres<T>(options: {
  databaseUrl: string;
  tables: T;
  logger: Logger;
}): PerRequestPostgres<T> {
  const current = new AsyncLocalStorage<RequestConnection>();
  const connection = () => {
    const request = current.getStore();
    if (request === undefined) throw new Error("Postgres used outside a request's scope");
    // One connection: a request's queries run one after another.
    request.opened ??= connectPostgres(options.databaseUrl, { max: 1 });
    return request.opened;
  };
  return {
    storage: postgresStorage({
      tables: options.tables,
      logger: options.logger,
      connection,
      // Nothing outlives a request.
      close: async () => undefined,
    }),
    async scope(serve, release) {
      const request: RequestConnection = {};
      try {
        return await current.run(request, serve);
      } finally {
        const opened = request.opened;
        if (opened !== undefined)
          release(
            opened.client.end({ timeout: 5 }).catch((error: unknown) => {
              options.logger.warn("closing a request's Postgres connection failed", { error });
            }),
          );
      }
    },
  };
}
