/**
 * Test support, exported as `@questline/processing/testing` (never shipped in an image): a
 * processing service on a fresh store of one dialect, wired to real peers: an in-process catalog
 * served on real ports (its `WatchQuests` feeds the quest copy) and a recording wallet peer. Tokens
 * come from a test issuer both services trust. Requests go through `app.handle`, no port needed.
 */

import { questBody, startTestCatalog } from "@questline/catalog/testing";
import { createLogger } from "@questline/kit/logger";
import type { Role, SessionStart } from "@questline/kit/principal";
import type { Dialect } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore } from "@questline/kit/testing/dialects";
import { jsonClient } from "@questline/kit/testing/json-client";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { createTokenVerifier } from "@questline/kit/tokens";
import { loadProcessingConfig } from "../config";
import { createProcessingService } from "../service";
import { openProcessingStorage } from "../storage";
import { startRecordingWallet } from "./recording-wallet";

/** The original quest (SPEC §5) and the sign-up quest, as the examples define them. */
export const ORIGINAL_QUESTS = [
  questBody({
    name: "sign-in-three-times",
    trigger: "signin",
    target: 3,
    max_completions: 2,
    status: "published",
  }),
  questBody({
    name: "sign-up",
    trigger: "signup",
    target: 1,
    max_completions: 1,
    auto_claim: true,
    rewards: [{ item: "gold", qty: 100 }],
    status: "published",
  }),
];

/** The quests a test service starts with: the original ones, and a long any-cadence quest. */
export const TEST_QUESTS = [
  ...ORIGINAL_QUESTS,
  questBody({
    name: "level-up-many",
    trigger: "level_up",
    target: 1000,
    max_completions: null,
    status: "published",
  }),
];

export async function startTestProcessing(
  dialect: Dialect,
  options: { env?: Record<string, string>; quests?: Record<string, unknown>[] } = {},
) {
  const issuer = await createTestIssuer();
  const verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwks: issuer.jwks,
  });
  const catalog = await startTestCatalog(dialect, {
    issuer,
    quests: options.quests ?? TEST_QUESTS,
  });
  const catalogUrls = await catalog.listen();
  const wallet = await startRecordingWallet(verifier);
  const store: DialectEnv = await freshStore(dialect, "processing");
  const config = loadProcessingConfig({
    ...store.env,
    CATALOG_GRPC_URL: catalogUrls.grpcUrl,
    AUTH_GRPC_URL: wallet.url,
    OUTBOX_POLL_MS: "50",
    OUTBOX_MIN_BACKOFF_MS: "20",
    OUTBOX_MAX_BACKOFF_MS: "200",
    ...options.env,
  });
  const logger = createLogger({ service: "processing", level: "error", write: () => undefined });
  const serviceToken = () => issuer.sign({ sub: "processing", tid: "default", roles: ["service"] });
  const service = await createProcessingService({
    config,
    logger,
    overrides: { verifier, tokens: { token: serviceToken } },
  });

  /**
   * A token as auth issues it: a user's token belongs to a fresh session begun by `start` (a new
   * sign-in each call, unless `sessionId` names one to continue, as a refresh does).
   */
  const token = (
    roles: Role[] = ["player"],
    sub: string = crypto.randomUUID(),
    tid = "default",
    session: { start?: SessionStart; id?: string } = {},
  ) =>
    issuer.sign({
      sub,
      tid,
      roles,
      sid: session.id ?? crypto.randomUUID(),
      session_start: session.start ?? "signin",
    });

  return {
    service,
    catalog,
    wallet,
    issuer,
    verifier,
    serviceToken,
    token,
    /** REST calls through the app, no port needed. */
    call: jsonClient((request) => service.app.handle(request), "http://processing.test"),
    async close() {
      await service.close();
      await wallet.stop();
      await catalog.close();
      await store.cleanup();
    },
  };
}

export type TestProcessing = Awaited<ReturnType<typeof startTestProcessing>>;

/** Processing's storage as a service's environment configures it (`system.envOf("processing")`). */
export const openStorageFor = (env: Record<string, string>) =>
  openProcessingStorage(
    loadProcessingConfig(env),
    createLogger({ service: "processing", level: "error" }),
  );
