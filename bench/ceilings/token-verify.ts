/**
 * The auth ceiling, as a child process: the kit's token verifier (the one every service uses) on an
 * ES256 access token, one verification after another. `uncached` turns its result cache off, so
 * every call is a full signature check; `cached` is what a service pays for a token it saw before.
 *
 *   bun bench/ceilings/token-verify.ts <warmup s> <run s> <runs>
 *
 * Prints one JSON line: `{ "uncached": [verifications/s per run], "cached": [...] }`.
 */
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { createTokenVerifier } from "@questline/kit/tokens";

const [warmup, runSeconds, runs] = [Number(Bun.argv[2]), Number(Bun.argv[3]), Number(Bun.argv[4])];

const issuer = await createTestIssuer();
const token = await issuer.sign({ sub: "bench-user", tid: "default", roles: ["player"] });

async function rate(seconds: number, cacheSize: number): Promise<number> {
  const verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwks: issuer.jwks,
    algorithms: ["ES256"],
    cacheSize,
  });
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) await verifier.verify(token);
    done += 100;
  }
  return done / seconds;
}

async function rates(cacheSize: number): Promise<number[]> {
  if (warmup > 0) await rate(warmup, cacheSize);
  const measured: number[] = [];
  for (let run = 0; run < runs; run++) measured.push(await rate(runSeconds, cacheSize));
  return measured;
}

console.log(JSON.stringify({ uncached: await rates(0), cached: await rates(10_000) }));
