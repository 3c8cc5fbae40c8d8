/**
 * `bun run services/auth/src/cli/measure-costs.ts`: what a sign-in and a token verification cost
 * on this machine, to size replicas and argon2id parameters (PASSWORD_MEMORY_KIB, PASSWORD_TIME_COST).
 * Uses a throwaway SQLite data dir; prints one line per measurement.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@questline/kit/logger";
import { createTokenVerifier } from "@questline/kit/tokens";
import { loadAuthConfig } from "../config";
import { createArgon2idHasher } from "../passwords/password-hasher";
import { createAuthService } from "../service";

const PASSWORD = "correct horse battery";

async function rate(
  label: string,
  count: number,
  concurrency: number,
  run: (i: number) => Promise<unknown>,
) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(count / seconds);
  const ms = ((seconds * 1000 * concurrency) / count).toFixed(2);
  console.log(`${label}: ${perSecond}/s (${ms} ms each, ${concurrency} in flight, n=${count})`);
}

const dataDir = await mkdtemp(join(tmpdir(), "questline-auth-costs-"));
const config = loadAuthConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  REDIS_URL: "",
});
const service = await createAuthService({
  config,
  logger: createLogger({ service: "auth", level: "error", write: () => undefined }),
});
try {
  const hasher = createArgon2idHasher({
    memoryCost: config.PASSWORD_MEMORY_KIB,
    timeCost: config.PASSWORD_TIME_COST,
  });
  const hash = await hasher.hash(PASSWORD);
  console.log(`argon2id m=${config.PASSWORD_MEMORY_KIB} KiB t=${config.PASSWORD_TIME_COST}`);
  await rate("argon2id verify", 30, 1, () => hasher.verify(PASSWORD, hash));
  await rate("argon2id verify", 40, 2, () => hasher.verify(PASSWORD, hash));

  const post = (path: string, body: unknown) =>
    service.app.handle(
      new Request(`http://auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  await post("/api/v1/auth/signup", { user_name: "measured", password: PASSWORD });
  // Sign-ins past the lockout limit would be refused; a successful one resets the count.
  await rate("POST /signin (whole route)", 40, 1, () =>
    post("/api/v1/auth/signin", { user_name: "measured", password: PASSWORD }),
  );
  await rate("POST /signin (whole route)", 40, 2, () =>
    post("/api/v1/auth/signin", { user_name: "measured", password: PASSWORD }),
  );

  const tokens = await Promise.all(
    Array.from({ length: 5000 }, async () => {
      const response = await post("/api/v1/auth/token", {
        grant_type: "client_credentials",
        client_id: "bench",
        client_secret: "bench-secret-0123456789",
      });
      return ((await response.json()) as { access_token: string }).access_token;
    }),
  ).catch(() => []);
  const verifierOptions = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwks: { keys: service.keys.jwks.keys },
  };
  const uncached = createTokenVerifier({ ...verifierOptions, cacheSize: 0 });
  const cached = createTokenVerifier(verifierOptions);
  if (tokens.length > 0) {
    await rate("ES256 verify, no cache (distinct tokens)", tokens.length, 1, (i) =>
      uncached.verify(tokens[i] ?? ""),
    );
    const [one = ""] = tokens;
    await rate("verify, kit cache hit (same token)", 100_000, 1, () => cached.verify(one));
  }
} finally {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
}
