/**
 * One suite, three protocols, real servers: Connect and gRPC-Web on the Elysia HTTP port, native
 * gRPC on the h2c port. The service is a fixed in-memory QuestCatalogService: this tests the
 * transport, auth and error mapping, not the catalog.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import {
  Cadence,
  type Quest,
  QuestCatalogService,
  QuestSchema,
  QuestStatus,
} from "@questline/proto/catalog/v1/catalog_pb";
import { notFound } from "../errors";
import { createServiceApp } from "../http/app";
import { createLogger } from "../logger";
import { connectErrorOf, rpcProtocols } from "../testing/rpc-protocols";
import { createTestIssuer, type TestIssuer } from "../testing/token-issuer";
import { createTokenVerifier } from "../tokens";
import { serviceTenant } from "./auth";
import { mountConnect } from "./connect-on-elysia";
import { ERROR_CODE_HEADER } from "./errors";
import { type GrpcServer, startGrpcServer } from "./grpc-server";
import type { RpcRoutes } from "./routes";

const quest = (id: number, name: string): Quest =>
  create(QuestSchema, {
    id: BigInt(id),
    name,
    title: name,
    trigger: "signin",
    target: 3,
    cadence: Cadence.ANY,
    timezone: "UTC",
    rewards: [{ item: "diamond", qty: 10 }],
    status: QuestStatus.PUBLISHED,
    version: 1,
  });
const SIGN_IN = quest(1, "sign-in-three-times");
const QUESTS = [SIGN_IN, quest(2, "sign-up")];

const catalogRoutes: RpcRoutes = (router) =>
  router.service(QuestCatalogService, {
    getQuest(request, context) {
      serviceTenant(context);
      if (request.key.value === "explode") throw new Error("disk /var/secret is full");
      const found = QUESTS.find((one) =>
        request.key.case === "id" ? one.id === request.key.value : one.name === request.key.value,
      );
      if (found === undefined) throw notFound("quest_not_found", "No such quest");
      return { quest: found };
    },
    listQuests(_request, context) {
      serviceTenant(context);
      return { quests: QUESTS };
    },
    async *watchQuests(_request, context) {
      serviceTenant(context);
      yield { event: { case: "snapshot", value: { quests: QUESTS } } };
      yield { event: { case: "changed", value: { ...SIGN_IN, version: 2 } } };
    },
  });

const logger = createLogger({ service: "rpc-test", write: () => {} });
let issuer: TestIssuer;
let stopHttp: () => Promise<void>;
let grpc: GrpcServer;
let httpUrl: string;
let grpcUrl: string;

beforeAll(async () => {
  issuer = await createTestIssuer();
  const verifier = createTokenVerifier({ ...issuer, jwks: issuer.jwks });
  const rpc = { verifier, logger };
  const app = mountConnect(
    createServiceApp({ service: "rpc-test", version: "1", logger, readiness: async () => ({}) }),
    catalogRoutes,
    rpc,
  ).listen({ port: 0, hostname: "127.0.0.1" });
  const server = app.server;
  if (server === null) throw new Error("the HTTP server did not start");
  httpUrl = `http://127.0.0.1:${server.port}`;
  stopHttp = () => server.stop(true);
  grpc = await startGrpcServer({ routes: catalogRoutes, port: 0, host: "127.0.0.1", ...rpc });
  grpcUrl = `http://127.0.0.1:${grpc.port}`;
});

afterAll(async () => {
  await stopHttp();
  await grpc.close();
});

const protocols = rpcProtocols(() => ({ httpUrl, grpcUrl }));

const bearer = async (roles: ("player" | "service")[] = ["player"], tid = "acme") => ({
  authorization: `Bearer ${await issuer.sign({ sub: "u-1", tid, roles })}`,
});

describe.each(protocols)("QuestCatalogService over %s", (_name, transport) => {
  const client = () => createClient(QuestCatalogService, transport());

  test("GetQuest answers by name and by id", async () => {
    const headers = await bearer();
    const byName = await client().getQuest(
      { key: { case: "name", value: "sign-up" } },
      { headers },
    );
    const byId = await client().getQuest({ key: { case: "id", value: 1n } }, { headers });
    expect([byName.quest?.id, byId.quest?.name]).toEqual([2n, "sign-in-three-times"]);
    expect(byId.quest?.rewards).toEqual([expect.objectContaining({ item: "diamond", qty: 10 })]);
  });

  test("ListQuests answers every quest", async () => {
    const response = await client().listQuests({}, { headers: await bearer() });
    expect(response.quests.map((one) => one.name)).toEqual(["sign-in-three-times", "sign-up"]);
  });

  test("WatchQuests streams a snapshot, then the changes", async () => {
    const events: string[] = [];
    for await (const message of client().watchQuests({}, { headers: await bearer() })) {
      const { event } = message;
      if (event.case === "snapshot") events.push(`snapshot:${event.value.quests.length}`);
      if (event.case === "changed")
        events.push(`changed:${event.value.name}@${event.value.version}`);
    }
    expect(events).toEqual(["snapshot:2", "changed:sign-in-three-times@2"]);
  });

  test("a call without a token is Unauthenticated with code invalid_token", async () => {
    const error = await connectErrorOf(() => client().listQuests({}));
    expect([error.code, error.metadata.get(ERROR_CODE_HEADER)]).toEqual([
      Code.Unauthenticated,
      "invalid_token",
    ]);
  });

  test("a stream without a token is Unauthenticated", async () => {
    const error = await connectErrorOf(async () => {
      for await (const _ of client().watchQuests({})) {
        // the first message must never arrive
      }
    });
    expect(error.code).toBe(Code.Unauthenticated);
  });

  test("a forged token is Unauthenticated", async () => {
    const headers = { authorization: "Bearer e30.e30.c2ln" };
    expect((await connectErrorOf(() => client().listQuests({}, { headers }))).code).toBe(
      Code.Unauthenticated,
    );
  });

  test("an AppError keeps its meaning: NotFound with its code and detail", async () => {
    const headers = await bearer();
    const error = await connectErrorOf(() =>
      client().getQuest({ key: { case: "name", value: "missing" } }, { headers }),
    );
    expect([error.code, error.rawMessage, error.metadata.get(ERROR_CODE_HEADER)]).toEqual([
      Code.NotFound,
      "No such quest",
      "quest_not_found",
    ]);
  });

  test("a player naming another tenant is PermissionDenied wrong_tenant", async () => {
    const headers = { ...(await bearer()), "x-tenant-id": "other" };
    const error = await connectErrorOf(() => client().listQuests({}, { headers }));
    expect([error.code, error.metadata.get(ERROR_CODE_HEADER)]).toEqual([
      Code.PermissionDenied,
      "wrong_tenant",
    ]);
  });

  test("an unexpected error is a bare Internal", async () => {
    const headers = await bearer();
    const error = await connectErrorOf(() =>
      client().getQuest({ key: { case: "name", value: "explode" } }, { headers }),
    );
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).not.toContain("secret");
  });
});
