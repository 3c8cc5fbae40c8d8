/**
 * The catalog's read path as a plain fetch handler, for a Workers-style runtime (workerd, Deno
 * Deploy): the same read routes, RPC methods, repository, cache and error mapping as the catalog
 * process, over a Postgres connection per request and Upstash. What it leaves out, and why, is in
 * docs/deploy.md ("Cloudflare Workers").
 */
import process from "node:process";
import { createServiceApp } from "@questline/kit/http/app";
import { createLogger } from "@questline/kit/logger";
import { createMetrics } from "@questline/kit/metrics";
import { mountConnect } from "@questline/kit/rpc/connect-on-elysia";
import { fetchHandler } from "@questline/kit/runtime/fetch-handler";
import { cacheFromConfig, rpcFromConfig, verifierFromConfig } from "@questline/kit/service-config";
import { perRequestPostgres } from "@questline/kit/storage/postgres-per-request";
import { questReadRoutes } from "../quests/read-controller";
import { questReadRpc } from "../quests/read-rpc";
import { QuestReads } from "../quests/read-service";
import { catalogTables } from "../schema";
import { CATALOG_VERSION } from "../version";
import { loadCatalogEdgeConfig } from "./config";

export interface CatalogEdge {
  /** Answers one request; `release` gets what must finish after the answer (`waitUntil`). */
  fetch(request: Request, release: (pending: Promise<void>) => void): Promise<Response>;
}

/** The edge catalog, configured from `source` (the platform's bindings or environment). */
export function createCatalogEdge(source: Record<string, string | undefined>): CatalogEdge {
  const config = loadCatalogEdgeConfig(source);
  const logger = createLogger({ service: "catalog-edge", level: config.LOG_LEVEL });
  // Elysia compiles handlers and validators with `new Function` unless told not to, and workerd
  // allows no code generation while it serves a request: every instance made below interprets.
  process.env.ELYSIA_AOT = "false";
  const verifier = verifierFromConfig(config);
  const postgres = perRequestPostgres({
    databaseUrl: config.DATABASE_URL,
    tables: catalogTables.postgres,
    logger,
  });
  const metrics = createMetrics();
  const reads = new QuestReads({
    storage: postgres.storage,
    cache: cacheFromConfig(config, logger),
    logger,
    metrics,
  });
  const app = createServiceApp({
    service: "catalog",
    version: CATALOG_VERSION,
    logger,
    metrics,
    maxBodyBytes: config.MAX_BODY_BYTES,
    metricsToken: config.METRICS_TOKEN,
    docs: false,
    readiness: async () => ({
      storage: await postgres.storage.ping().then(
        () => "ok",
        (error: Error) => error.message,
      ),
    }),
  }).use(questReadRoutes(reads, verifier));
  mountConnect(app, questReadRpc(reads), rpcFromConfig(config, { verifier, logger }));
  const handle = fetchHandler(app, {
    peerAddress: (request) => request.headers.get("cf-connecting-ip") ?? undefined,
  });

  return {
    fetch: (request, release) =>
      postgres.scope(async () => {
        const response = await handle(request);
        // gRPC-Web bodies are produced while they are read: read them here, inside the request's
        // scope, so no query runs after its connection is released.
        return new Response(await response.arrayBuffer(), response);
      }, release),
  };
}
