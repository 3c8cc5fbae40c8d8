/**
 * Authentication for REST routes, as an Elysia macro: `{ auth: true }` needs any valid token,
 * `{ auth: "admin" }` or `{ auth: ["admin", "service"] }` also one of those roles. Handlers then
 * receive `principal` and `tenantId` (resolved by `resolveTenant`). Failures throw AppError, which
 * the service app maps to 401/403 problems.
 */
import { Elysia } from "elysia";
import { type Principal, type Role, requireRole, resolveTenant } from "../principal";
import type { TokenVerifier } from "../tokens";

/** `true` for any authenticated caller, or the role(s) of which the caller needs one. */
export type AuthRequirement = true | Role | readonly Role[];

const rolesOf = (requirement: AuthRequirement): Role[] =>
  requirement === true ? [] : typeof requirement === "string" ? [requirement] : [...requirement];

type Authenticated = { principal: Principal; tenantId: string };

/**
 * Verifies the caller of a request and checks the requirement; returns principal and tenant. A
 * token verified before answers at once (no promise): this runs on every authenticated request.
 */
export function authenticate(
  verifier: TokenVerifier,
  headers: Headers,
  requirement: AuthRequirement,
): Authenticated | Promise<Authenticated> {
  const principal = verifier.verifyHeader(headers.get("authorization"));
  return principal instanceof Promise
    ? principal.then((known) => authorize(known, headers, requirement))
    : authorize(principal, headers, requirement);
}

function authorize(
  principal: Principal,
  headers: Headers,
  requirement: AuthRequirement,
): Authenticated {
  const roles = rolesOf(requirement);
  if (roles.length > 0) requireRole(principal, ...roles);
  return { principal, tenantId: resolveTenant(principal, headers) };
}

/** The `auth` macro; `.use()` it in a controller (or let `createServiceApp` do it). */
export const authGuard = (verifier: TokenVerifier) =>
  new Elysia().macro({
    auth: (requirement: AuthRequirement) => ({
      detail: { security: [{ bearer: [] }] },
      // The request's own Headers: naming `headers` here would make Elysia copy them all into an
      // object on every request.
      resolve: ({ request }) => authenticate(verifier, request.headers, requirement),
    }),
  });
