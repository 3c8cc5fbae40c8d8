/**
 * Test support, exported as `@questline/catalog/testing` (never shipped in an image): a whole
 * catalog on a fresh store of one dialect, driven through `app.handle` without a port, or on real
 * listeners with `listen()`.
 */
import { createLogger } from "@questline/kit/logger";
import type { Role } from "@questline/kit/principal";
import { type RunningService, runService } from "@questline/kit/serve";
import type { Dialect } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore } from "@questline/kit/testing/dialects";
import { jsonClient } from "@questline/kit/testing/json-client";
import { createTestIssuer, type TestIssuer } from "@questline/kit/testing/token-issuer";
import { createTokenVerifier, type TokenVerifier } from "@questline/kit/tokens";
import { loadCatalogConfig } from "../config";
import type { QuestCreateBody } from "../quests/model";
import type { QuestDraft } from "../quests/quest";
import { draftFromBody, QUEST_DEFAULTS } from "../quests/quest-input";
import { type CatalogDb, insertQuest, inTransaction } from "../quests/repository";
import { createCatalogService } from "../service";
import { openCatalogStorage } from "../storage";

export interface TestCatalogOptions {
  env?: Record<string, string>;
  /** Another instance's store, to run a second replica on it (closing this one leaves it). */
  store?: DialectEnv;
  /**
   * Whose tokens the catalog trusts: a test issuer (default: a new one, whose `token()` mints
   * any user's), or `"auth"` for the real auth at `env.AUTH_JWKS_URL` (then `token()` throws).
   */
  issuer?: TestIssuer | "auth";
  /** Create bodies of quests made in tenant `default` before the catalog is returned. */
  quests?: readonly Record<string, unknown>[];
}

/** A catalog on a fresh store of one dialect (see `TestCatalogOptions`). */
export async function startTestCatalog(dialect: Dialect, options: TestCatalogOptions = {}) {
  const store = options.store ?? (await freshStore(dialect, "catalog"));
  const issuer =
    options.issuer === "auth" ? undefined : (options.issuer ?? (await createTestIssuer()));
  const config = loadCatalogConfig({
    ...store.env,
    CACHE_PREFIX: `test-${crypto.randomUUID()}`,
    ...options.env,
  });
  const logger = createLogger({ service: "catalog", level: "error" });
  const verifier: TokenVerifier | undefined =
    issuer &&
    createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const service = await createCatalogService({ config, logger, verifier });
  for (const body of options.quests ?? []) {
    const draft = draftFromBody(body as unknown as QuestCreateBody);
    await service.catalog.create(
      "default",
      draft,
      body.status === "published" ? "published" : "draft",
    );
  }

  const token = (roles: Role[], tid = "default", sub: string = crypto.randomUUID()) => {
    if (!issuer) throw new Error("this catalog trusts auth's tokens: ask auth for one");
    return issuer.sign({ sub, tid, roles });
  };

  let running: RunningService | undefined;

  /** Opens real listeners on ports the OS picks: HTTP (REST, Connect, gRPC-Web) and native gRPC. */
  async function listen() {
    running ??= await runService({
      app: service.app,
      port: 0,
      hostname: "127.0.0.1",
      grpc: { ...service.grpc, port: 0 },
      logger,
      graceMs: 100,
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
    /** REST calls through the app, no port needed. */
    call: jsonClient((request) => service.app.handle(request), "http://catalog.test"),
    listen,
    /** Stops this instance; the store is removed unless it was given (shared). */
    async close() {
      await running?.stop();
      await service.close();
      if (!options.store) await store.cleanup();
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

/** The catalog's storage as a service's environment configures it (`system.envOf("catalog")`). */
export const openStorageFor = (env: Record<string, string>) =>
  openCatalogStorage(loadCatalogConfig(env), createLogger({ service: "catalog", level: "error" }));

/**
 * Writes a published quest straight into a tenant's store, past every check of the catalog: the
 * row an older release or a hand could have left, which the catalog must serve around. Answers
 * its id.
 */
export async function storeQuestAsIs(
  store: CatalogDb,
  fields: Pick<QuestDraft, "name" | "trigger" | "target" | "rewards">,
): Promise<number> {
  const quest = await inTransaction(store, (scope) =>
    insertQuest(
      scope,
      { ...QUEST_DEFAULTS, title: fields.name, startsAt: null, endsAt: null, ...fields },
      "published",
      new Date(),
    ),
  );
  return quest.id;
}
