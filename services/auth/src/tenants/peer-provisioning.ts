import { createClient } from "@connectrpc/connect";
import { unavailable } from "@questline/kit/errors";
import { serviceTransport } from "@questline/kit/runtime/rpc-client";
import { TenantService } from "@questline/proto/tenancy/v1/tenancy_pb";

export interface TenantPeer {
  name: string;
  /** The peer's gRPC address, e.g. `http://127.0.0.1:50051`. */
  url: string;
}

/** Creates a tenant in the other services that keep per-tenant storage (catalog, processing). */
export type ProvisionPeers = (tenantId: string) => Promise<void>;

export function peerProvisioner(
  peers: readonly TenantPeer[],
  serviceToken: () => Promise<string>,
): ProvisionPeers {
  const clients = peers.map((peer) => ({
    name: peer.name,
    client: createClient(TenantService, serviceTransport(peer.url)),
  }));
  return async (tenantId) => {
    const headers = { authorization: `Bearer ${await serviceToken()}` };
    const failed: string[] = [];
    await Promise.all(
      clients.map(({ name, client }) =>
        client
          .createTenant({ tenantId }, { headers, timeoutMs: 5000 })
          .catch(() => failed.push(name)),
      ),
    );
    if (failed.length > 0) {
      throw unavailable(
        "tenant_peer_unavailable",
        `The tenant exists in auth but ${failed.join(" and ")} did not answer; repeat the request to finish`,
      );
    }
  };
}
