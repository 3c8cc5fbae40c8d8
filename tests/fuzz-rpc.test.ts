/**
 * Fuzzing every RPC method on every protocol (Connect unary and streaming, gRPC-Web, gRPC), on
 * SQLite and on Postgres + Redis (fast-check, fixed seed: `support/fuzz-run.ts`): random bytes and
 * random JSON as request messages. Without a token every call is Unauthenticated and writes
 * nothing; with one, every answer is a success or a caller's fault, never Internal or Unknown;
 * every service is still ready afterwards.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { describeEach } from "@questline/kit/testing/variants";
import fc from "fast-check";
import { restClient, uniqueName } from "./support/client";
import { CLIENT_FAULT_CODES, fuzz, fuzzSetups } from "./support/fuzz-run";
import { anyJsonText } from "./support/fuzz-targets";
import { rowCounter } from "./support/row-counts";
import { connectStream, connectUnary, grpcSession, grpcWeb } from "./support/rpc-raw";
import { startSystem, type TestSystem } from "./support/system";

setDefaultTimeout(90_000);
const UNAUTHENTICATED_CALLS = 150;
const AUTHENTICATED_CALLS = 400;

type Owner = "auth" | "catalog" | "processing";
type Caller = "player" | "service";

interface Method {
  owner: Owner;
  path: string;
  caller: Caller;
  streaming?: boolean;
}

const METHODS: readonly Method[] = [
  {
    owner: "catalog",
    path: "/questline.catalog.v1.QuestCatalogService/GetQuest",
    caller: "player",
  },
  {
    owner: "catalog",
    path: "/questline.catalog.v1.QuestCatalogService/ListQuests",
    caller: "player",
  },
  {
    owner: "catalog",
    path: "/questline.catalog.v1.QuestCatalogService/WatchQuests",
    caller: "player",
    streaming: true,
  },
  { owner: "catalog", path: "/questline.tenancy.v1.TenantService/CreateTenant", caller: "service" },
  { owner: "auth", path: "/questline.auth.v1.WalletService/Grant", caller: "service" },
  { owner: "auth", path: "/questline.auth.v1.WalletService/GetBalances", caller: "service" },
  {
    owner: "processing",
    path: "/questline.processing.v1.TrackingService/TrackAction",
    caller: "service",
  },
  {
    owner: "processing",
    path: "/questline.tenancy.v1.TenantService/CreateTenant",
    caller: "service",
  },
];

const PROTOCOLS = ["connect", "connect-json", "grpc-web", "grpc"] as const;
type Protocol = (typeof PROTOCOLS)[number];

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ minLength: 1000, maxLength: 20_000 }),
  fc.constantFrom(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), new Uint8Array([0x08])),
);

describeEach("RPC messages fuzzed on %s", await fuzzSetups(), (setup) => {
  let system: TestSystem;
  let rows: Awaited<ReturnType<typeof rowCounter>>;
  const tokens: Partial<Record<Caller, string>> = {};
  let grpc: Record<Owner, ReturnType<typeof grpcSession>>;

  beforeAll(async () => {
    system = await startSystem(setup);
    const api = restClient(system.gatewayUrl);
    tokens.player = (await api.signUp(uniqueName("rpc"), "fuzzer password")).token;
    const issued = await api.call<{ access_token: string }>("POST", "/api/v1/auth/token", {
      body: {
        grant_type: "client_credentials",
        client_id: "processing",
        client_secret: system.envOf("processing").SERVICE_CLIENT_SECRET,
      },
    });
    tokens.service = issued.body.access_token;
    grpc = {
      auth: grpcSession(system.grpcUrlOf("auth")),
      catalog: grpcSession(system.grpcUrlOf("catalog")),
      processing: grpcSession(system.grpcUrlOf("processing")),
    };
    rows = await rowCounter(system);
    await rows.settled();
  }, 120_000);
  afterAll(async () => {
    for (const session of Object.values(grpc ?? {})) session.close();
    await rows?.close();
    await system?.shutdown();
  });

  /** The call's outcome: "ok"/"open" when accepted, else the Connect code name. */
  async function call(
    method: Method,
    protocol: Protocol,
    message: Uint8Array | string,
    token: string | undefined,
  ): Promise<string> {
    const base = system.urlOf(method.owner);
    const bytes =
      typeof message === "string" ? new TextEncoder().encode(message) : new Uint8Array(message);
    if (protocol === "grpc") return grpc[method.owner].call(method.path, bytes, token);
    if (protocol === "grpc-web") return grpcWeb(base, method.path, bytes, token);
    if (method.streaming) return connectStream(base, method.path, bytes, token);
    const answer = await connectUnary(
      base,
      method.path,
      protocol === "connect-json" ? String(message) : bytes,
      token,
    );
    if (answer.status >= 500) return `http ${answer.status} ${answer.code}`;
    return answer.code;
  }

  const messages = fc.oneof(anyBytes, anyJsonText);

  test("without a token every call on every protocol is Unauthenticated and writes nothing", async () => {
    const before = await rows.counts();
    await fuzz(
      "unauthenticated",
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PROTOCOLS),
        messages,
        async (method, protocol, message) => {
          const outcome = await call(method, protocol, message, undefined);
          if (outcome !== "unauthenticated") {
            throw new Error(`${protocol} ${method.path} without a token: ${outcome}`);
          }
        },
      ),
      UNAUTHENTICATED_CALLS,
    );
    expect(await rows.counts()).toEqual(before);
  });

  test("with a token every answer is a success or the caller's fault, never Internal", async () => {
    await fuzz(
      "authenticated",
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PROTOCOLS),
        messages,
        async (method, protocol, message) => {
          const outcome = await call(method, protocol, message, tokens[method.caller]);
          const fine = outcome === "ok" || outcome === "open" || CLIENT_FAULT_CODES.has(outcome);
          if (!fine) throw new Error(`${protocol} ${method.path}: ${outcome}`);
        },
      ),
      AUTHENTICATED_CALLS,
    );
  });

  test("afterwards every service is ready", async () => {
    const ready = await fetch(`${system.gatewayUrl}/ready`);
    expect(ready.status).toBe(200);
  });
});
