/**
 * An Elysia app as a plain fetch handler, for runtimes that start the server themselves (a
 * Workers-style `export default { fetch }`). `peerAddress` says where the client's address comes
 * from there (e.g. the platform's `cf-connecting-ip` header); without it `requestIP` is null.
 */
import type { AnyElysia } from "elysia";
import { attachConnectionHooks, peerTable } from "./connection";

export type FetchHandler = (request: Request) => Promise<Response>;

export function fetchHandler(
  app: AnyElysia,
  options: { peerAddress?: (request: Request) => string | undefined } = {},
): FetchHandler {
  const peers = peerTable();
  attachConnectionHooks(app, peers.hooks);
  return async (request) => {
    peers.remember(request, options.peerAddress?.(request));
    return app.fetch(request);
  };
}
