/**
 * Local development keys: created on first start under `${DATA_DIR}/auth/keys/` and reused after,
 * so tokens survive a restart. Production passes `AUTH_SIGNING_KEYS` instead.
 */
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { JWK } from "jose";
import { parseKeyList } from "./key-ring";
import { generatePrivateJwk } from "./signing-key";

export const devKeyFile = (dataDir: string) => join(dataDir, "auth", "keys", "signing-keys.json");

/** Reads the dev key file, creating it with one new key when it does not exist yet. */
export async function loadOrCreateDevKeys(dataDir: string): Promise<JWK[]> {
  const file = devKeyFile(dataDir);
  const existing = await readKeys(file);
  if (existing !== undefined) return existing;
  await writeKeysOnce(file, [await generatePrivateJwk()]);
  // Another process may have won the race: whatever is on disk now is the truth.
  return (await readKeys(file)) ?? [];
}

async function readKeys(file: string): Promise<JWK[] | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    return parseKeyList(raw);
  } catch (error) {
    throw new Error(`${file} ${(error as Error).message}`);
  }
}

/** Writes the file only when absent: a complete temp file is hard-linked into place, atomically. */
async function writeKeysOnce(file: string, keys: readonly JWK[]): Promise<void> {
  await mkdir(join(file, ".."), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if (!isExisting(error)) throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

const codeOf = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
const isMissing = (error: unknown) => codeOf(error) === "ENOENT";
const isExisting = (error: unknown) => codeOf(error) === "EEXIST";
