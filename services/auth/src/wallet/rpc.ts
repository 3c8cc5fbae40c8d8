/**
 * `questline.auth.v1.WalletService`: internal, for `service` tokens only. The tenant is the
 * token's, or the one a service names in `x-tenant-id`.
 */
import type { HandlerContext } from "@connectrpc/connect";
import { requireRole } from "@questline/kit/principal";
import { principalOf, serviceTenant } from "@questline/kit/rpc/auth";
import type { RpcRoutes } from "@questline/kit/rpc/routes";
import { WalletService } from "@questline/proto/auth/v1/wallet_pb";
import type { Balances } from "./grant";
import type { Wallet } from "./service";

const toWire = (balances: Balances): Record<string, bigint> =>
  Object.fromEntries(Object.entries(balances).map(([item, total]) => [item, BigInt(total)]));

/** The tenant of a call that only services may make; PermissionDenied for anyone else. */
function serviceCallTenant(context: HandlerContext): string {
  requireRole(principalOf(context), "service");
  return serviceTenant(context);
}

export const walletRoutes =
  (wallet: Wallet): RpcRoutes =>
  (router) =>
    router.service(WalletService, {
      async grant(request, context) {
        const result = await wallet.grant(serviceCallTenant(context), {
          grantId: request.grantId,
          userId: request.userId,
          items: request.items.map(({ item, qty }) => ({ item, qty })),
          reason: request.reason,
        });
        return {
          grantId: result.grantId,
          balances: toWire(result.balances),
          duplicate: result.duplicate,
        };
      },
      async getBalances(request, context) {
        const balances = await wallet.balances(serviceCallTenant(context), request.userId);
        return { balances: toWire(balances) };
      },
    });
