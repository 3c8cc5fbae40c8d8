/**
 * How every RPC listener of a service (Connect and gRPC-Web on the HTTP port, native gRPC on its
 * own) treats a call before the implementation sees it, the same way on both:
 * - the token is checked from the headers before the request message is read (`authGate`);
 * - a request message larger than `readMaxBytes` (default 1 MiB, `MAX_MESSAGE_BYTES`) is refused
 *   with ResourceExhausted from its declared length or as it streams in, never buffered whole;
 * - errors are mapped once (`errorInterceptor`), then streams are counted (`streamLimitInterceptor`).
 */
import {
  type ConnectRouterOptions,
  type ContextValues,
  createContextValues,
  type Interceptor,
} from "@connectrpc/connect";
import type { ClientAddressResolver } from "../http/client-address";
import type { Logger } from "../logger";
import { DEFAULT_STREAM_LIMITS, StreamSlots } from "../streams/stream-slots";
import type { TokenVerifier } from "../tokens";
import { authGate } from "./auth";
import { errorInterceptor } from "./errors";
import { clientAddressKey, streamLimitInterceptor } from "./stream-limit";

/** The default of `MAX_MESSAGE_BYTES`: the largest RPC request message a service reads. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

export interface RpcServeOptions {
  logger: Logger;
  /** Verifies the token every call needs. */
  verifier: TokenVerifier;
  /** The open streams of the service, shared by its listeners (default: the kit's limits). */
  streams?: StreamSlots;
  /** The largest request message in bytes (default `DEFAULT_MAX_MESSAGE_BYTES`). */
  readMaxBytes?: number;
  /** Where a call comes from, for per-address stream limits (default: the connection's peer). */
  clientAddress?: ClientAddressResolver;
  /** The service's own interceptors, run after the kit's. */
  interceptors?: Interceptor[];
}

const peerOnly: ClientAddressResolver = (peer) => peer ?? "unknown";

/** The Connect router options both listeners are built with. */
export function routerOptionsFor(options: RpcServeOptions): ConnectRouterOptions {
  return {
    interceptors: [
      errorInterceptor(options.logger),
      streamLimitInterceptor(options.streams ?? new StreamSlots(DEFAULT_STREAM_LIMITS)),
      ...(options.interceptors ?? []),
    ],
    readMaxBytes: options.readMaxBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    requestGate: authGate(options.verifier),
  };
}

/** The context values of one call: where it came from (worked out when first asked). */
export function callValues(
  options: RpcServeOptions,
  peer: string | undefined,
  headers: () => Headers,
): ContextValues {
  const resolve = options.clientAddress ?? peerOnly;
  let address: string | undefined;
  return createContextValues().set(clientAddressKey, () => {
    address ??= resolve(peer, headers());
    return address;
  });
}
