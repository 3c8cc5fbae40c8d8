import { createLogger } from "@questline/kit/logger";
import type { Role } from "@questline/kit/principal";
import { runService } from "@questline/kit/serve";
import type { Dialect } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore } from "@questline/kit/testing/dialects";
import { createTestIssuer, type TestIssuer } from "@questline/kit/testing/token-issuer";
import { createTokenVerifier } from "@questline/kit/tokens";
import { loadCatalogConfig } from "./config";
import { createCatalogService } from "./service";

/** A catalog on a fresh store of one dialect, with keys to mint tokens for any user and tenant. */
export async function startTestCatalog(
  dialect: Dialect,
  env: Record<string, string> = {},
  shared?: { store: DialectEnv; issuer: TestIssuer },
) {
  const store: DialectEnv = shared?.store ?? (await freshStore(dialect, "catalog"));
  const issuer = shared?.issuer ?? (await createTestIssuer());
  const config = loadCatalogConfig({
    ...store.env,
    CACHE_PREFIX: `test-${crypto.randomUUID()}`,
    ...env,
  });
  const logger = createLogger({ service: "catalog", level: "error" });
  const verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwks: issuer.jwks,
  });
  const service = await createCatalogService({ config, logger, verifier });

  const token = (roles: Role[], tid = "default", sub: string = crypto.randomUUID()) =>
    issuer.sign({ sub, tid, roles });

  /** Sends a REST request through the app without opening a port. */
  async function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await service.app.handle(
      new Request(`http://catalog.test${path}`, {
        method,
        headers,
        body:
          options.body === undefined
            ? undefined
            : typeof options.body === "string"
              ? options.body
              : JSON.stringify(options.body),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  let running: Awaited<ReturnType<typeof runService>> | undefined;

  /** Opens real listeners on free ports: HTTP (REST, Connect, gRPC-Web) and native gRPC. */
  async function listen() {
    running = await runService({
      app: service.app,
      port: 0,
      grpc: { ...service.grpc, port: 0 },
      logger,
    });
    return {
      httpUrl: `http://127.0.0.1:${running.httpPort}`,
      grpcUrl: `http://127.0.0.1:${running.grpcPort}`,
    };
  }

  return {
    service,
    store,
    issuer,
    verifier,
    token,
    call,
    listen,
    /** Stops this instance; the store is removed unless another instance shares it. */
    async close() {
      await running?.stop();
      await service.close();
      if (!shared) await store.cleanup();
    },
  };
}

export type TestCatalog = Awaited<ReturnType<typeof startTestCatalog>>;

/** A valid create body (the original quest), with overrides. */
export const questBody = (overrides: Record<string, unknown> = {}) => ({
  name: `quest-${crypto.randomUUID().slice(0, 8)}`,
  title: "Sign in three times",
  trigger: "signin",
  target: 3,
  max_completions: 2,
  rewards: [{ item: "diamond", qty: 10 }],
  ...overrides,
});
