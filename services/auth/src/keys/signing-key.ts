/**
 * Auth's signing keys: ES256 (P-256) key pairs, each named by a `kid`. A key ring holds one key
 * that signs and every key that verifiers should still accept (rotation, see the README).
 */
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

export const SIGNING_ALGORITHM = "ES256" as const;

/** The public half of a key as the JWKS serves it. */
export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: "sig";
}

export interface SigningKey {
  kid: string;
  /** Absent for a retired key that is only published. */
  privateKey: CryptoKey | undefined;
  publicJwk: PublicJwk;
}

/** A new key pair as a private JWK (what `AUTH_SIGNING_KEYS` and the dev key file hold). */
export async function generatePrivateJwk(kid = newKeyId()): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM, use: "sig" };
}

/** A sortable, readable id: the creation date and a random suffix. */
export function newKeyId(now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `${day}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Imports one JWK; throws an Error naming the problem when it is not a P-256 key with a `kid`. */
export async function importSigningKey(jwk: JWK): Promise<SigningKey> {
  if (typeof jwk.kid !== "string" || jwk.kid === "") throw new Error("a key has no kid");
  if (jwk.kty !== "EC" || jwk.crv !== "P-256") {
    throw new Error(`key ${jwk.kid} is not an EC P-256 key`);
  }
  if (jwk.alg !== undefined && jwk.alg !== SIGNING_ALGORITHM) {
    throw new Error(`key ${jwk.kid} is for ${jwk.alg}, not ${SIGNING_ALGORITHM}`);
  }
  if (typeof jwk.x !== "string" || typeof jwk.y !== "string") {
    throw new Error(`key ${jwk.kid} lacks its public point (x, y)`);
  }
  const publicJwk: PublicJwk = {
    kty: "EC",
    crv: "P-256",
    x: jwk.x,
    y: jwk.y,
    kid: jwk.kid,
    alg: SIGNING_ALGORITHM,
    use: "sig",
  };
  // Importing the public half proves the point is on the curve before it is ever published.
  await importJWK(publicJwk, SIGNING_ALGORITHM);
  const privateKey =
    jwk.d === undefined ? undefined : ((await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey);
  return { kid: jwk.kid, privateKey, publicJwk };
}
