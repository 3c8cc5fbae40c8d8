import { createClient, type Transport } from "@connectrpc/connect";
import type { TokenSource } from "@questline/kit/service-token";
import { TENANT_HEADER } from "@questline/kit/tenant";
import { WalletService } from "@questline/proto/auth/v1/wallet_pb";
import type { OutboxRow } from "./grant-outbox";

/** Grants a claimed reward into the user's wallet in auth; throws when auth does not answer. */
export interface Wallet {
  grant(tenantId: string, row: OutboxRow): Promise<{ duplicate: boolean }>;
}

/** `WalletService.Grant` with a service token, naming the tenant in `x-tenant-id`. */
export function createWallet(transport: Transport, tokens: TokenSource, timeoutMs = 5000): Wallet {
  const client = createClient(WalletService, transport);
  return {
    async grant(tenantId, row) {
      const headers = {
        authorization: `Bearer ${await tokens.token()}`,
        [TENANT_HEADER]: tenantId,
      };
      const response = await client.grant(
        { grantId: row.grantId, userId: row.userId, items: row.items, reason: row.reason },
        { headers, timeoutMs },
      );
      return { duplicate: response.duplicate };
    },
  };
}
