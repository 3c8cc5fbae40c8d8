import { type Code, ConnectError, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";

/** Where a service under test listens: its HTTP port (Connect, gRPC-Web) and its h2c gRPC port. */
export interface RpcListeners {
  httpUrl: string;
  grpcUrl: string;
}

export type RpcProtocol = "Connect" | "gRPC-Web" | "gRPC";

export interface RpcProtocolOptions {
  /** Only these (the gateway serves Connect and gRPC-Web, not native gRPC). */
  only?: readonly RpcProtocol[];
  interceptors?: Interceptor[];
}

/**
 * The protocols every RPC suite runs over, for `describe.each`: Connect and gRPC-Web on the HTTP
 * port, native gRPC on the gRPC port. `listeners` is read when a transport is made, so the list
 * can be declared before `beforeAll` starts the servers.
 */
export function rpcProtocols(
  listeners: () => RpcListeners,
  options: RpcProtocolOptions = {},
): [RpcProtocol, () => Transport][] {
  const { interceptors } = options;
  const all: [RpcProtocol, () => Transport][] = [
    ["Connect", () => createConnectTransport({ baseUrl: listeners().httpUrl, interceptors })],
    ["gRPC-Web", () => createGrpcWebTransport({ baseUrl: listeners().httpUrl, interceptors })],
    ["gRPC", () => createGrpcTransport({ baseUrl: listeners().grpcUrl, interceptors })],
  ];
  return all.filter(([name]) => options.only?.includes(name) ?? true);
}

/** The ConnectError a call fails with (a promise, or a function making one); throws when it succeeds. */
export async function connectErrorOf(
  call: Promise<unknown> | (() => Promise<unknown>),
): Promise<ConnectError> {
  try {
    await (typeof call === "function" ? call() : call);
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("expected the call to fail");
}

/** The Connect code a call fails with; throws when it succeeds. */
export const failureCodeOf = async (call: Promise<unknown>): Promise<Code> =>
  (await connectErrorOf(call)).code;
