import type { CryptoKey, JWK } from "jose";
import { importSigningKey, type PublicJwk, type SigningKey } from "./signing-key";

export interface KeyRing {
  /** The key new tokens are signed with. */
  signer: { kid: string; privateKey: CryptoKey };
  /** Every public key verifiers accept, the signer first: the body of `/.well-known/jwks.json`. */
  jwks: { keys: PublicJwk[] };
}

/**
 * Builds the ring from private JWKs in order: the first signs, the others are only published
 * (a retired key, or the next one announced before it starts signing).
 */
export async function createKeyRing(jwks: readonly JWK[]): Promise<KeyRing> {
  const keys: SigningKey[] = [];
  for (const jwk of jwks) keys.push(await importSigningKey(jwk));
  const [first] = keys;
  if (first === undefined) throw new Error("no signing key given");
  if (first.privateKey === undefined) {
    throw new Error(`the first key (${first.kid}) signs, so it needs its private part "d"`);
  }
  const kids = new Set(keys.map((key) => key.kid));
  if (kids.size !== keys.length) throw new Error("two keys share a kid");
  return Object.freeze({
    signer: { kid: first.kid, privateKey: first.privateKey },
    jwks: { keys: keys.map((key) => key.publicJwk) },
  });
}

/** Parses `AUTH_SIGNING_KEYS`: a JSON array of JWKs, or a JWK Set `{"keys": [...]}`. */
export function parseKeyList(raw: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("is not valid JSON");
  }
  // Checked first: an array has a `keys` method, so `"keys" in parsed` would be true for it too.
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === "object" && parsed !== null && "keys" in parsed
      ? parsed.keys
      : parsed;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error('must be a non-empty JSON array of JWKs or {"keys": [...]}');
  }
  if (!list.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
    throw new Error("every key must be a JSON object (a JWK)");
  }
  return list as JWK[];
}
