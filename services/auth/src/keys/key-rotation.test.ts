import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { createTokenVerifier } from "@questline/kit/tokens";
import { decodeProtectedHeader, type JWK } from "jose";
import { startAuth } from "../testing/harness";
import { createAccessTokenIssuer } from "../tokens/access-token-issuer";
import { devKeyFile, loadOrCreateDevKeys } from "./dev-key-file";
import { createKeyRing, type KeyRing } from "./key-ring";
import { loadKeyRing } from "./load-key-ring";
import { generatePrivateJwk } from "./signing-key";

const logger = createLogger({ service: "auth", write: () => undefined });
const subject = { userId: "u-1", tenantId: "default", roles: ["player"] as const };
const issue = (keys: KeyRing) =>
  createAccessTokenIssuer({ keys, issuer: "questline-auth", audience: "questline" }).issue(subject);
const verifierFor = (keys: KeyRing) =>
  createTokenVerifier({
    issuer: "questline-auth",
    audience: "questline",
    jwks: { keys: keys.jwks.keys },
    cacheSize: 0,
  });
const accepts = (keys: KeyRing, token: string) =>
  verifierFor(keys)
    .verify(token)
    .then(
      () => true,
      () => false,
    );

describe("key rotation", () => {
  test("tokens signed before a rotation verify while the old key is still published", async () => {
    const oldKey = await generatePrivateJwk("old");
    const newKey = await generatePrivateJwk("new");
    const before = await createKeyRing([oldKey]);
    const announced = await createKeyRing([oldKey, newKey]);
    const rotated = await createKeyRing([newKey, oldKey]);
    const retired = await createKeyRing([newKey]);

    const oldToken = (await issue(before)).token;
    // Step 1: the next key is published but the old one still signs.
    expect(announced.signer.kid).toBe("old");
    expect(await accepts(announced, oldToken)).toBe(true);
    // Step 2: the new key signs; tokens of both keys verify.
    const newToken = (await issue(rotated)).token;
    expect(rotated.jwks.keys.map((key) => key.kid)).toEqual(["new", "old"]);
    expect(await accepts(rotated, oldToken)).toBe(true);
    expect(await accepts(rotated, newToken)).toBe(true);
    // Step 3: once the old key is withdrawn, its tokens stop verifying.
    expect(await accepts(retired, oldToken)).toBe(false);
    expect(await accepts(retired, newToken)).toBe(true);
  });

  test("a retired key may be published without its private part; the signer may not", async () => {
    const current = await generatePrivateJwk("current");
    const { d: _private, ...retiredPublic } = await generatePrivateJwk("retired");
    const ring = await createKeyRing([current, retiredPublic]);
    expect(ring.jwks.keys.map((key) => key.kid)).toEqual(["current", "retired"]);
    expect(ring.jwks.keys.every((key) => !("d" in key))).toBe(true);
    await expect(createKeyRing([retiredPublic, current])).rejects.toThrow("private part");
  });

  test.each([
    ["not JSON", "{"],
    ["an empty list", "[]"],
    ["a symmetric key", JSON.stringify([{ kty: "oct", k: "c2VjcmV0", kid: "x" }])],
    ["a key without kid", JSON.stringify([{ kty: "EC", crv: "P-256", x: "a", y: "b" }])],
  ])("AUTH_SIGNING_KEYS with %s is a config error naming the variable", async (_, raw) => {
    const load = loadKeyRing({ AUTH_SIGNING_KEYS: raw, DATA_DIR: "/nonexistent" }, logger);
    await expect(load).rejects.toBeInstanceOf(ConfigError);
    await expect(load).rejects.toThrow("AUTH_SIGNING_KEYS");
  });

  test("two keys under one kid are refused", async () => {
    const a = await generatePrivateJwk("same");
    const b = await generatePrivateJwk("same");
    await expect(createKeyRing([a, b] as JWK[])).rejects.toThrow("share a kid");
  });
});

test("a service started with AUTH_SIGNING_KEYS signs with the first and publishes all", async () => {
  const keys = [await generatePrivateJwk("next"), await generatePrivateJwk("previous")];
  const auth = await startAuth("sqlite", { AUTH_SIGNING_KEYS: JSON.stringify(keys) });
  try {
    const jwks = await auth.call<{ keys: Record<string, unknown>[] }>(
      "GET",
      "/.well-known/jwks.json",
    );
    expect(jwks.body.keys.map((key) => key.kid)).toEqual(["next", "previous"]);
    expect(jwks.body.keys.every((key) => key.d === undefined)).toBe(true);
    const pair = await auth.signup("rotated");
    expect(decodeProtectedHeader(pair.token).kid).toBe("next");
    // A token from before the switch, signed by the previous key, still opens the door.
    const previousRing = await createKeyRing([keys[1] ?? {}]);
    const older = await createAccessTokenIssuer({
      keys: previousRing,
      issuer: "questline-auth",
      audience: "questline",
    }).issue({ userId: pair.user_id, tenantId: "default", roles: ["player"] });
    expect((await auth.call("GET", "/api/v1/auth/me", { token: older.token })).status).toBe(200);
  } finally {
    await auth.close();
  }
});

describe("development keys", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "questline-auth-keys-"));
    dirs.push(dir);
    return dir;
  };

  test("are created once, private to the owner, and reused after a restart", async () => {
    const dataDir = await tempDir();
    const first = await loadKeyRing({ AUTH_SIGNING_KEYS: undefined, DATA_DIR: dataDir }, logger);
    const second = await loadKeyRing({ AUTH_SIGNING_KEYS: undefined, DATA_DIR: dataDir }, logger);
    expect(second.signer.kid).toBe(first.signer.kid);
    const token = (await issue(first)).token;
    expect(await accepts(second, token)).toBe(true);
    expect((await stat(devKeyFile(dataDir))).mode & 0o777).toBe(0o600);
  });

  test("processes starting together agree on one key", async () => {
    const dataDir = await tempDir();
    const rings = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevKeys(dataDir)));
    const kids = new Set(rings.map((keys) => keys[0]?.kid));
    expect(kids.size).toBe(1);
  });
});
