/**
 * Service credentials (the OAuth2 client-credentials pattern): each internal caller has a client id
 * and a secret from `SERVICE_CLIENTS`, and trades them for a short-lived token with the `service`
 * role. Secrets are compared in constant time, and an unknown client costs the same comparison.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export interface ServiceClient {
  clientId: string;
  /** SHA-256 of the secret: equal-length inputs for the constant-time comparison. */
  secretDigest: Uint8Array;
}

export const CLIENT_ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
export const MIN_SECRET_LENGTH = 16;

const digest = (secret: string): Uint8Array => createHash("sha256").update(secret).digest();

/** Parses `SERVICE_CLIENTS` entries `id:secret`; throws an Error naming the bad entry. */
export function parseServiceClients(entries: readonly string[]): ServiceClient[] {
  const clients = entries.map((entry, index) => {
    const colon = entry.indexOf(":");
    const clientId = colon < 0 ? entry : entry.slice(0, colon);
    const secret = colon < 0 ? "" : entry.slice(colon + 1);
    if (!CLIENT_ID_PATTERN.test(clientId)) {
      throw new Error(`entry ${index + 1}: client id must match ${CLIENT_ID_PATTERN.source}`);
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `client ${clientId}: secret must have at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return { clientId, secretDigest: digest(secret) };
  });
  if (new Set(clients.map((client) => client.clientId)).size !== clients.length) {
    throw new Error("a client id appears twice");
  }
  return clients;
}

export interface ServiceClientRegistry {
  /** The client id when the secret is right; undefined otherwise (unknown id included). */
  authenticate(clientId: string, secret: string): string | undefined;
}

export function createServiceClientRegistry(
  clients: readonly ServiceClient[],
): ServiceClientRegistry {
  const byId = new Map(clients.map((client) => [client.clientId, client]));
  const nobody = digest(crypto.randomUUID());
  return {
    authenticate(clientId, secret) {
      const client = byId.get(clientId);
      const matches = timingSafeEqual(digest(secret), client?.secretDigest ?? nobody);
      return client !== undefined && matches ? client.clientId : undefined;
    },
  };
}
