/**
 * WalletService over all three protocols against real listeners: Connect and gRPC-Web on the HTTP
 * port, native gRPC on the h2c port. Only `service` tokens get through.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { createLogger } from "@questline/kit/logger";
import { type GrpcServer, startGrpcServer } from "@questline/kit/rpc/grpc-server";
import { failureCodeOf, rpcProtocols } from "@questline/kit/testing/rpc-protocols";
import { WalletService } from "@questline/proto/auth/v1/wallet_pb";
import { type AuthHarness, startAuth, TEST_CLIENT_SECRET } from "../testing/harness";

let auth: AuthHarness;
let grpc: GrpcServer;
let serviceToken: string;
let player: { user_id: string; token: string };
let httpUrl: string;

beforeAll(async () => {
  auth = await startAuth("sqlite");
  auth.service.app.listen({ port: 0, hostname: "127.0.0.1" });
  httpUrl = `http://127.0.0.1:${auth.service.app.server?.port}`;
  grpc = await startGrpcServer({
    ...auth.service.grpc,
    port: 0,
    host: "127.0.0.1",
    logger: createLogger({ service: "auth", write: () => undefined }),
  });
  const issued = await auth.call<{ access_token: string }>("POST", "/api/v1/auth/token", {
    body: {
      grant_type: "client_credentials",
      client_id: "processing",
      client_secret: TEST_CLIENT_SECRET,
    },
  });
  serviceToken = issued.body.access_token;
  player = await auth.signup("rpc-player");
});

afterAll(async () => {
  await grpc.close();
  await auth.service.app.stop(true);
  await auth.close();
});

const transports = rpcProtocols(() => ({
  httpUrl: httpUrl,
  grpcUrl: `http://127.0.0.1:${grpc.port}`,
}));

describe.each(transports)("WalletService over %s", (protocol, transport) => {
  const client = () => createClient(WalletService, transport());
  const as = (token: string, extra: Record<string, string> = {}) => ({
    headers: { authorization: `Bearer ${token}`, ...extra },
  });

  test("a service grants once; the repeat is a duplicate with the first balances", async () => {
    const request = {
      grantId: `rpc-${protocol}`,
      userId: player.user_id,
      items: [{ item: "diamond", qty: 10 }],
      reason: "quest sign-in-three-times",
    };
    const before = await client().getBalances({ userId: player.user_id }, as(serviceToken));
    const first = await client().grant(request, as(serviceToken));
    expect(first.duplicate).toBe(false);
    const expected = (before.balances.diamond ?? 0n) + 10n;
    expect(first.balances.diamond).toBe(expected);
    const repeat = await client().grant(request, as(serviceToken));
    expect(repeat.duplicate).toBe(true);
    expect(repeat.balances).toEqual(first.balances);
  });

  test("player tokens are refused with PermissionDenied", async () => {
    const request = {
      grantId: "self-service",
      userId: player.user_id,
      items: [{ item: "gold", qty: 1 }],
    };
    expect(await failureCodeOf(client().grant(request, as(player.token)))).toBe(
      Code.PermissionDenied,
    );
    expect(
      await failureCodeOf(client().getBalances({ userId: player.user_id }, as(player.token))),
    ).toBe(Code.PermissionDenied);
    const balances = await client().getBalances({ userId: player.user_id }, as(serviceToken));
    expect(balances.balances.gold).toBeUndefined();
  });

  test("no token or a bad one is Unauthenticated", async () => {
    const request = { grantId: "anon", userId: player.user_id, items: [{ item: "gold", qty: 1 }] };
    expect(await failureCodeOf(client().grant(request))).toBe(Code.Unauthenticated);
    expect(await failureCodeOf(client().grant(request, as("x.y.z")))).toBe(Code.Unauthenticated);
  });

  test("an invalid grant is InvalidArgument", async () => {
    const request = { grantId: "empty", userId: player.user_id, items: [] };
    expect(await failureCodeOf(client().grant(request, as(serviceToken)))).toBe(
      Code.InvalidArgument,
    );
  });
});

test("a service acts for the tenant it names in x-tenant-id; a player cannot", async () => {
  await auth.service.storage.createTenant("other-game");
  const someone = await auth.signup("elsewhere", undefined, "other-game");
  const client = createClient(WalletService, createConnectTransport({ baseUrl: httpUrl }));
  const result = await client.grant(
    { grantId: "t-1", userId: someone.user_id, items: [{ item: "gold", qty: 2 }] },
    { headers: { authorization: `Bearer ${serviceToken}`, "x-tenant-id": "other-game" } },
  );
  expect(result.balances.gold).toBe(2n);
  // The same user id in the default tenant does not exist: tenants never mix.
  const inDefault = client.grant(
    { grantId: "t-1", userId: someone.user_id, items: [{ item: "gold", qty: 2 }] },
    { headers: { authorization: `Bearer ${serviceToken}` } },
  );
  expect(await failureCodeOf(inDefault)).toBe(Code.NotFound);
  const playerElsewhere = client.getBalances(
    { userId: someone.user_id },
    { headers: { authorization: `Bearer ${someone.token}`, "x-tenant-id": "default" } },
  );
  expect(await failureCodeOf(playerElsewhere)).toBe(Code.PermissionDenied);
});
