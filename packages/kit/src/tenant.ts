import { badRequest } from "./errors";

/** A tenant id is a DNS-label-like slug (docs/reference/tenants-and-tokens.md). */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The tenant that always exists. */
export const DEFAULT_TENANT = "default";

/** The header that names the tenant of calls made before a token exists (signup, signin). */
export const TENANT_HEADER = "x-tenant-id";

export const isTenantId = (value: string): boolean => TENANT_ID_PATTERN.test(value);

/** Returns the id unchanged when valid; throws `invalid_tenant` (400) before it touches a path or a query. */
export function assertTenantId(value: string): string {
  if (!isTenantId(value)) {
    throw badRequest(
      "invalid_tenant",
      `Tenant id "${value.slice(0, 80)}" does not match ${TENANT_ID_PATTERN.source}`,
    );
  }
  return value;
}
