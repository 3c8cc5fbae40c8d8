import { ConfigError } from "@questline/kit/config";
import type { Logger } from "@questline/kit/logger";
import { loadOrCreateDevKeys } from "./dev-key-file";
import { createKeyRing, type KeyRing, parseKeyList } from "./key-ring";

/** The key ring from `AUTH_SIGNING_KEYS`, else the dev key file under `dataDir`. */
export async function loadKeyRing(
  config: { AUTH_SIGNING_KEYS: string | undefined; DATA_DIR: string },
  logger: Logger,
): Promise<KeyRing> {
  if (config.AUTH_SIGNING_KEYS !== undefined) {
    try {
      return await createKeyRing(parseKeyList(config.AUTH_SIGNING_KEYS));
    } catch (error) {
      throw new ConfigError("AUTH_SIGNING_KEYS", (error as Error).message);
    }
  }
  const ring = await createKeyRing(await loadOrCreateDevKeys(config.DATA_DIR));
  logger.info("using development signing keys", { dataDir: config.DATA_DIR, kid: ring.signer.kid });
  return ring;
}
