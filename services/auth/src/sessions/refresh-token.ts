/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
import { createHash } from "node:crypto";

const PREFIX = "qrt_";

export function newRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return PREFIX + Buffer.from(bytes).toString("base64url");
}

/** The stored form of a refresh token. A fast hash is enough: the token has 256 random bits. */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
