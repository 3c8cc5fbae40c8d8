/**
 * Authentication for RPC: every call needs an access token. `authGate` checks it from the headers
 * before the request message is read (a call without one is refused without reading its body)
 * and leaves the Principal in the call's context values; handlers read it with `principalOf` and
 * the tenant with `serviceTenant`, which applies the same rule as REST's `resolveTenant`.
 */
import { createContextKey, type HandlerContext } from "@connectrpc/connect";
import { unauthenticated } from "../errors";
import { type Principal, resolveTenant } from "../principal";
import type { TokenVerifier } from "../tokens";
import { asConnectError } from "./errors";

export const principalKey = createContextKey<Principal | undefined>(undefined, {
  description: "The verified caller of an RPC",
});

/** Connect's request gate: verifies `authorization: Bearer …` or fails the call with 401. */
export function authGate(verifier: TokenVerifier) {
  return async (context: HandlerContext): Promise<void> => {
    try {
      const principal = await verifier.verifyHeader(context.requestHeader.get("authorization"));
      context.values.set(principalKey, principal);
    } catch (error) {
      // The gate's errors reach the client as they are: map ours here, as the interceptor would.
      throw asConnectError(error) ?? error;
    }
  };
}

/** The verified caller; throws 401 when the call carried no token. */
export function principalOf(context: HandlerContext): Principal {
  const principal = context.values.get(principalKey);
  if (principal === undefined) throw unauthenticated();
  return principal;
}

/** The tenant a call acts in: the token's, or the one a `service` token names in `x-tenant-id`. */
export function serviceTenant(context: HandlerContext): string {
  return resolveTenant(principalOf(context), context.requestHeader);
}
