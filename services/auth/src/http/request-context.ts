/** What auth reads from a request before a token exists: the tenant it names. */
import { assertTenantId, DEFAULT_TENANT, TENANT_HEADER } from "@questline/kit/tenant";

/** The `X-Tenant-Id` of an unauthenticated call, `default` when absent; 400 when malformed. */
export function tenantOfRequest(headers: Record<string, string | undefined>): string {
  const named = headers[TENANT_HEADER];
  return named === undefined || named === "" ? DEFAULT_TENANT : assertTenantId(named);
}
