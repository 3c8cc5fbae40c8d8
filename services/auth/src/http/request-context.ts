/**
 * What auth reads from a request before a token exists: the tenant it names and the client's
 * address (only from a proxy header the operator said to trust).
 */
import { assertTenantId, DEFAULT_TENANT, TENANT_HEADER } from "@questline/kit/tenant";

/** The `X-Tenant-Id` of an unauthenticated call, `default` when absent; 400 when malformed. */
export function tenantOfRequest(headers: Record<string, string | undefined>): string {
  const named = headers[TENANT_HEADER];
  return named === undefined || named === "" ? DEFAULT_TENANT : assertTenantId(named);
}

export interface AddressSource {
  requestIP(request: Request): { address: string } | null;
}

/**
 * The client's address. With `trustedHeader` (e.g. `x-forwarded-for`, set by the gateway) the
 * last entry of that header, which the trusted proxy appended; otherwise the socket's peer, so a
 * client cannot pick its own address.
 */
export function clientAddressResolver(trustedHeader: string | undefined) {
  const header = trustedHeader?.toLowerCase();
  return (request: Request, server: AddressSource | null): string => {
    if (header !== undefined) {
      const last = request.headers.get(header)?.split(",").at(-1)?.trim();
      if (last) return last.slice(0, 64);
    }
    return server?.requestIP(request)?.address ?? "unknown";
  };
}
