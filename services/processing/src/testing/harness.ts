/**
 * A processing service on a fresh store of one dialect, wired to real peers: an in-process catalog
 * served on real ports (its `WatchQuests` feeds the quest copy) and a recording wallet peer. Tokens
 * come from a test issuer both services trust. Requests go through `app.handle`, no port needed.
 */
import { createLogger } from "@questline/kit/logger";
import type { Role, SessionStart } from "@questline/kit/principal";
import type { Dialect } from "@questline/kit/storage/types";
import { type DialectEnv, freshStore } from "@questline/kit/testing/dialects";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { createTokenVerifier } from "@questline/kit/tokens";
import { questBody, startTestCatalog } from "../../../catalog/src/testing";
import { loadProcessingConfig } from "../config";
import { createProcessingService } from "../service";
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

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

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
  const catalogStore = await freshStore(dialect, "catalog");
  const catalog = await startTestCatalog(dialect, {}, { store: catalogStore, issuer });
  const catalogUrls = await catalog.listen();
  const admin = await catalog.token(["player", "admin"]);
  for (const quest of options.quests ?? TEST_QUESTS) {
    const created = await catalog.call("POST", "/api/v1/quest", { token: admin, body: quest });
    if (created.status !== 201) throw new Error(`seeding ${JSON.stringify(created.body)}`);
  }
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

  async function call(method: string, path: string, callOptions: CallOptions = {}) {
    const headers: Record<string, string> = { ...callOptions.headers };
    if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
    const { body } = callOptions;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await service.app.handle(
      new Request(`http://processing.test${path}`, {
        method,
        headers,
        body:
          body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  return {
    service,
    catalog,
    catalogAdmin: admin,
    wallet,
    issuer,
    verifier,
    serviceToken,
    token,
    call,
    async close() {
      await service.close();
      await wallet.stop();
      await catalog.close();
      await catalogStore.cleanup();
      await store.cleanup();
    },
  };
}

export type TestProcessing = Awaited<ReturnType<typeof startTestProcessing>>;

/** Waits until `check` holds (a peer catching up); fails with `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}
