/**
 * The wallet peer for tests that do not run auth: a real h2c gRPC server implementing
 * `WalletService` with auth's contract (service tokens only, idempotent by `grant_id`), recording
 * every call. It can be stopped and started again on the same port, as an auth outage would look.
 */

import { createLogger } from "@questline/kit/logger";
import { requireRole } from "@questline/kit/principal";
import { principalOf, serviceTenant } from "@questline/kit/rpc/auth";
import { type GrpcServer, startGrpcServer } from "@questline/kit/rpc/grpc-server";
import type { RpcRoutes } from "@questline/kit/rpc/routes";
import type { TokenVerifier } from "@questline/kit/tokens";
import type { GrantRequest } from "@questline/proto/auth/v1/wallet_pb";
import { WalletService } from "@questline/proto/auth/v1/wallet_pb";

export interface RecordedGrant {
  tenantId: string;
  grantId: string;
  userId: string;
  items: { item: string; qty: number }[];
}

export async function startRecordingWallet(verifier: TokenVerifier) {
  const grants = new Map<string, RecordedGrant>();
  let calls = 0;
  const logger = createLogger({ service: "wallet-peer", level: "error", write: () => undefined });

  const balancesOf = (tenantId: string, userId: string) => {
    const balances: Record<string, bigint> = {};
    for (const grant of grants.values()) {
      if (grant.tenantId !== tenantId || grant.userId !== userId) continue;
      for (const { item, qty } of grant.items)
        balances[item] = (balances[item] ?? 0n) + BigInt(qty);
    }
    return balances;
  };

  const record = (tenantId: string, request: GrantRequest) => {
    calls++;
    const key = `${tenantId}/${request.grantId}`;
    const duplicate = grants.has(key);
    if (!duplicate) {
      grants.set(key, {
        tenantId,
        grantId: request.grantId,
        userId: request.userId,
        items: request.items.map(({ item, qty }) => ({ item, qty })),
      });
    }
    return { grantId: request.grantId, balances: balancesOf(tenantId, request.userId), duplicate };
  };

  const routes: RpcRoutes = (router) =>
    router.service(WalletService, {
      grant(request, context) {
        requireRole(principalOf(context), "service");
        return record(serviceTenant(context), request);
      },
      getBalances(request, context) {
        requireRole(principalOf(context), "service");
        return { balances: balancesOf(serviceTenant(context), request.userId) };
      },
    });

  const listen = (port: number) =>
    startGrpcServer({
      routes,
      port,
      host: "127.0.0.1",
      verifier,
      logger,
      graceMs: 100,
    });
  let server: GrpcServer | undefined = await listen(0);
  const port = server.port;

  return {
    url: `http://127.0.0.1:${port}`,
    /** Every grant applied, once each. */
    grants: () => [...grants.values()],
    /** Grant calls received, repeats included. */
    calls: () => calls,
    balances: (userId: string, tenantId = "default") => balancesOf(tenantId, userId),
    /** Closes the port: calls fail as they would with auth down. */
    async stop() {
      await server?.close();
      server = undefined;
    },
    async start() {
      server ??= await listen(port);
    },
  };
}

export type RecordingWallet = Awaited<ReturnType<typeof startRecordingWallet>>;
