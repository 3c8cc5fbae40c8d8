/**
 * Who a request is charged to: a user (the `tid` + `sub` of an access token, decoded only after the
 * token verified against auth's keys), otherwise the client's address. A token that does not verify
 * is charged to the address and still forwarded, so the service answers it with its own 401.
 */
import { rateLimited } from "@questline/kit/errors";
import type { Counter } from "@questline/kit/metrics";
import type { Principal, TokenVerifier } from "@questline/kit/tokens";
import type { BucketLimit, Buckets } from "./buckets";

export interface RateLimiterOptions {
  buckets: Buckets;
  verifier: TokenVerifier;
  user: BucketLimit;
  address: BucketLimit;
  /** Namespace of the bucket keys in a shared Redis. */
  keyPrefix: string;
  refused?: Counter;
}

export interface RateLimiter {
  /**
   * Takes a token for this request; throws 429 with `Retry-After` when none is left. Answers the
   * caller whose token verified (undefined: charged to the address).
   */
  admit(request: Request, clientAddress: string): Promise<Principal | undefined>;
}

async function verifiedCaller(
  request: Request,
  verifier: TokenVerifier,
): Promise<Principal | undefined> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return undefined;
  try {
    return await verifier.verifyHeader(authorization);
  } catch {
    return undefined;
  }
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { buckets, keyPrefix } = options;
  return {
    async admit(request, clientAddress) {
      const caller = await verifiedCaller(request, options.verifier);
      const scope = caller === undefined ? "address" : "user";
      const key =
        caller === undefined
          ? `${keyPrefix}:ratelimit:address:${clientAddress}`
          : `${keyPrefix}:ratelimit:user:${caller.tenantId}:${caller.userId}`;
      const decision = await buckets.take(
        key,
        caller === undefined ? options.address : options.user,
      );
      if (decision.allowed) return caller;
      options.refused?.inc({ scope });
      throw rateLimited(
        Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        `Too many requests from this ${scope}; retry after the time in Retry-After`,
      );
    },
  };
}
