import { type Code, ConnectError, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";

/** Where a service under test listens: its HTTP port (Connect, gRPC-Web) and its h2c gRPC port. */
export interface RpcListeners {
  httpUrl: string;
  grpcUrl: string;
}

/**
 * The three protocols every RPC suite runs over, for `describe.each`: Connect and gRPC-Web on the
 * HTTP port, native gRPC on the gRPC port. `listeners` is read when a transport is made, so the
 * list can be declared before `beforeAll` starts the servers.
 */
export const rpcProtocols = (listeners: () => RpcListeners): [string, () => Transport][] => [
  ["Connect", () => createConnectTransport({ baseUrl: listeners().httpUrl })],
  ["gRPC-Web", () => createGrpcWebTransport({ baseUrl: listeners().httpUrl })],
  ["gRPC", () => createGrpcTransport({ baseUrl: listeners().grpcUrl })],
];

/** The Connect code a call fails with; throws when it succeeds. */
export async function failureCodeOf(call: Promise<unknown>): Promise<Code> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error).code;
  }
  throw new Error("expected the call to fail");
}
