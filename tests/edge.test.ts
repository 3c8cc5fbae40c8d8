/**
 * The catalog's edge entry as the platforms run it: the bundle `build.ts` writes, in workerd (the
 * pinned npm package) with its own `workerd.capnp`, and the same entry under `deno serve`. Each
 * reads a Postgres database the catalog process migrated and wrote, through an Upstash-compatible
 * endpoint on the Redis the catalog process caches in, and verifies tokens against a JWKS URL.
 * Driven by the catalog's read suite, the one the catalog process passes
 * (`services/catalog/src/quests/reads.test.ts`).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { redisUrl } from "@questline/kit/testing/env";
import { serveJwks } from "@questline/kit/testing/jwks-endpoint";
import { freePorts } from "@questline/kit/testing/ports";
import { postgresMissing } from "@questline/kit/testing/postgres";
import { redisMissing } from "@questline/kit/testing/redis";
import { connectErrorOf } from "@questline/kit/testing/rpc-protocols";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import {
  startUpstashEndpoint,
  type UpstashEndpoint,
} from "@questline/kit/testing/upstash-endpoint";
import { describeEach, type Variant } from "@questline/kit/testing/variants";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { buildEdge, type EdgeBuild } from "../deploy/edge/build";
import {
  type EdgeHost,
  type RunningEdge,
  startDenoServe,
  startWorkerd,
} from "../deploy/edge/hosts";
import { startTestCatalog, type TestCatalog } from "../services/catalog/src/testing/harness";
import { catalogReadSuite } from "../services/catalog/src/testing/read-suite";
import { runtimeMissing } from "./support/setups";

const stores = (await postgresMissing()) ?? (await redisMissing());
const hosts: Variant<EdgeHost>[] = [
  { name: "workerd", value: "workerd", missing: stores },
  { name: "deno serve", value: "deno", missing: stores ?? runtimeMissing("deno") },
];

describeEach("the catalog's reads at the edge, in %s", hosts, (host) => {
  const dir = mkdtempSync(join(tmpdir(), "questline-edge-"));
  let build: EdgeBuild;
  let writer: TestCatalog;
  let upstash: UpstashEndpoint;
  let jwks: ReturnType<typeof serveJwks>;
  let edge: RunningEdge;

  beforeAll(async () => {
    if (host === "workerd") build = await buildEdge(dir);
    const issuer = await createTestIssuer();
    jwks = serveJwks(issuer.jwks);
    upstash = startUpstashEndpoint();
    const cachePrefix = `edge-${crypto.randomUUID()}`;
    // The catalog process caches in Redis itself; the edge reaches the same Redis over REST.
    writer = await startTestCatalog("postgres", {
      issuer,
      env: { REDIS_URL: redisUrl(), CACHE_PREFIX: cachePrefix },
    });
    const [port = 0] = await freePorts(1);
    const settings = {
      port,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: writer.store.env.DATABASE_URL,
        UPSTASH_REDIS_REST_URL: upstash.url,
        UPSTASH_REDIS_REST_TOKEN: upstash.token,
        CACHE_PREFIX: cachePrefix,
        AUTH_JWKS_URL: jwks.url,
        LOG_LEVEL: "warn",
      },
    };
    edge = host === "workerd" ? await startWorkerd(dir, settings) : await startDenoServe(settings);
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    await writer?.close();
    await upstash?.stop();
    await jwks?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  catalogReadSuite(() => ({ httpUrl: edge.url, writer }), { grpc: false });

  test("WatchQuests is not served at the edge: Unimplemented, not a hang", async () => {
    const client = createClient(QuestCatalogService, createConnectTransport({ baseUrl: edge.url }));
    const token = await writer.token(["player"]);
    const stream = client.watchQuests({}, { headers: { authorization: `Bearer ${token}` } });
    const refused = await connectErrorOf(async () => {
      for await (const _message of stream) break;
    });
    expect(refused.code).toBe(Code.Unimplemented);
  });

  if (host !== "workerd") return;

  test("the bundle imports only the runtime's node:* modules and cloudflare:sockets: no node:http2, no Bun", () => {
    const source = readFileSync(build.bundle, "utf8");
    const imported = new Set(
      new Bun.Transpiler({ loader: "js" }).scanImports(source).map((entry) => entry.path),
    );
    expect([...imported].filter((name) => !name.startsWith("node:"))).toEqual([
      "cloudflare:sockets",
    ]);
    expect(imported.has("node:http2")).toBe(false);
  });
});
