/**
 * Authentication for RPC: `authInterceptor` verifies `authorization: Bearer …` and leaves the
 * Principal in the call's context values; handlers read it with `principalOf` (401 when absent)
 * and the tenant with `serviceTenant`, which applies the same rule as REST's `resolveTenant`.
 */
import { createContextKey, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import { unauthenticated } from "../errors";
import { type Principal, resolveTenant } from "../principal";
import type { TokenVerifier } from "../tokens";

export const principalKey = createContextKey<Principal | undefined>(undefined, {
  description: "The verified caller of an RPC",
});

/** Verifies the caller's token when there is one; a bad token fails the call with 401. */
export function authInterceptor(verifier: TokenVerifier): Interceptor {
  return (next) => async (request) => {
    const authorization = request.header.get("authorization");
    if (authorization !== null) {
      request.contextValues.set(principalKey, await verifier.verifyHeader(authorization));
    }
    return next(request);
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
