/**
 * The service client secrets of a dev install, made once and kept in `${DATA_DIR}/dev-secrets.json`
 * (readable by the owner only), so restarts keep working with the same credentials.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevSecrets {
  processing: string;
  gateway: string;
}

const randomSecret = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");

function isDevSecrets(value: unknown): value is DevSecrets {
  if (typeof value !== "object" || value === null) return false;
  const { processing, gateway } = value as Record<string, unknown>;
  return typeof processing === "string" && typeof gateway === "string";
}

export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, "dev-secrets.json");
  try {
    const stored: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isDevSecrets(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secrets: DevSecrets = { processing: randomSecret(), gateway: randomSecret() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
