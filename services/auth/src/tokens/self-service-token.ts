import type { AccessTokenIssuer } from "./access-token-issuer";

const TTL_SECONDS = 300;

/**
 * Auth's own `service` token for its calls to peers (reports to processing, tenant provisioning):
 * auth signs tokens, so it mints one instead of asking itself for client credentials. Renewed a
 * minute before it expires.
 */
export function selfServiceToken(tokens: AccessTokenIssuer): () => Promise<string> {
  let current: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (!current || current.expiresAt - 60 < Date.now() / 1000) {
      const issued = await tokens.issue(
        { userId: "service:auth", tenantId: "default", roles: ["service"] },
        TTL_SECONDS,
      );
      current = { token: issued.token, expiresAt: issued.expiresAt };
    }
    return current.token;
  };
}
