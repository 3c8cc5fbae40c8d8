/**
 * Who is calling, as proven by an access token, and the two questions every edge asks about it:
 * may they do this (roles), and for which tenant (resolveTenant).
 */
import { forbidden } from "./errors";
import { assertTenantId, TENANT_HEADER } from "./tenant";

export const ROLES = ["player", "admin", "service"] as const;
export type Role = (typeof ROLES)[number];

/** How a session began: the one sign-in or sign-up every token of its refresh chain stands for. */
export const SESSION_STARTS = ["signin", "signup"] as const;
export type SessionStart = (typeof SESSION_STARTS)[number];

/** The session a user's token belongs to (claims `sid` and `session_start`). */
export interface Session {
  /** The refresh chain's id: the same in every token refreshed from one sign-in. */
  id: string;
  start: SessionStart;
}

export interface Principal {
  userId: string;
  tenantId: string;
  roles: readonly Role[];
  jti: string;
  /** Token expiry, epoch seconds. */
  expiresAt: number;
  /** Absent on tokens that no sign-in issued (`service` tokens). */
  session?: Session;
}

export const isSessionStart = (value: unknown): value is SessionStart =>
  typeof value === "string" && (SESSION_STARTS as readonly string[]).includes(value);

export const isRole = (value: unknown): value is Role =>
  typeof value === "string" && (ROLES as readonly string[]).includes(value);

export const hasRole = (principal: Principal, ...roles: Role[]): boolean =>
  roles.some((role) => principal.roles.includes(role));

/** Throws 403 `forbidden` unless the principal holds at least one of `roles`. */
export function requireRole(principal: Principal, ...roles: Role[]): Principal {
  if (!hasRole(principal, ...roles)) {
    throw forbidden(`This call needs the role ${roles.join(" or ")}`);
  }
  return principal;
}

/** Reads one header from a Fetch `Headers` or a plain record (Elysia gives the latter). */
export type HeaderSource = Headers | Record<string, string | undefined>;

const headerOf = (headers: HeaderSource, name: string): string | undefined =>
  headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name];

/**
 * The tenant a request acts in: the token's `tid`. Only a `service` token may act for another
 * tenant, named in `x-tenant-id`; anyone else naming a different tenant gets 403 `wrong_tenant`.
 */
export function resolveTenant(principal: Principal, headers: HeaderSource): string {
  const named = headerOf(headers, TENANT_HEADER);
  if (named === undefined || named === "" || named === principal.tenantId) {
    return principal.tenantId;
  }
  if (!hasRole(principal, "service")) {
    throw forbidden(
      `This token belongs to tenant "${principal.tenantId}" and cannot act for another`,
      "wrong_tenant",
    );
  }
  return assertTenantId(named);
}
