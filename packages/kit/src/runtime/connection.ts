/**
 * What a handler may ask of the connection its request came on: the peer's address and the idle
 * timeout. Elysia hands it over as `server` in the handler's context: on Bun that is Bun's own
 * server; the portable hosts (`http-host-deno.ts`, `fetch-handler.ts`) put this stand-in there.
 * Handlers call `server?.requestIP(request)` and `server?.timeout(request, seconds)` either way.
 */
import type { AnyElysia } from "elysia";

export interface ConnectionHooks {
  /** The socket peer's address; null when the host does not know it. */
  requestIP(request: Request): { address: string } | null;
  /** Sets this request's idle timeout in seconds; 0 lifts it, so a quiet stream stays open. */
  timeout(request: Request, seconds: number): void;
}

/**
 * Hooks for a host that learns each request's peer as it arrives (Deno.serve's `info`, a header
 * at the edge). Such hosts have no per-request idle timeout: `timeout` changes nothing.
 */
export function peerTable() {
  const peers = new WeakMap<Request, string>();
  const hooks: ConnectionHooks = {
    requestIP(request) {
      const address = peers.get(request);
      return address === undefined ? null : { address };
    },
    timeout() {},
  };
  return {
    hooks,
    remember(request: Request, address: string | undefined) {
      if (address !== undefined) peers.set(request, address);
    },
  };
}

/** Makes `hooks` the `server` the app's handlers see (what Elysia's own `listen` does on Bun). */
export function attachConnectionHooks(app: AnyElysia, hooks: ConnectionHooks): void {
  (app as unknown as { server: ConnectionHooks }).server = hooks;
}
