/**
 * What every RPC listener refuses before the implementation sees a call, on Connect, gRPC-Web and
 * gRPC alike: a call without a valid token (before its body is read), a request message past the
 * size limit (before it is read whole), malformed protobuf (InvalidArgument, not Internal), and a
 * stream past the caller's or the address's limit (ResourceExhausted at once, Retry-After).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect as http2Connect } from "node:http2";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import {
  GetQuestRequestSchema,
  QuestCatalogService,
  QuestSchema,
} from "@questline/proto/catalog/v1/catalog_pb";
import { createServiceApp } from "../http/app";
import { createLogger } from "../logger";
import { StreamSlots } from "../streams/stream-slots";
import { rawExchange } from "../testing/raw-http";
import { createTestIssuer, type TestIssuer } from "../testing/token-issuer";
import { createTokenVerifier } from "../tokens";
import { serviceTenant } from "./auth";
import { mountConnect } from "./connect-on-elysia";
import { ERROR_CODE_HEADER } from "./errors";
import { type GrpcServer, startGrpcServer } from "./grpc-server";
import type { RpcRoutes } from "./routes";

const MAX_MESSAGE_BYTES = 64 * 1024;
const PER_USER = 2;
const PER_ADDRESS = 3;

let calls = 0;
const routes: RpcRoutes = (router) =>
  router.service(QuestCatalogService, {
    getQuest(request, context) {
      serviceTenant(context);
      calls++;
      return { quest: create(QuestSchema, { name: request.key.value?.toString() ?? "" }) };
    },
    listQuests: () => ({ quests: [] }),
    async *watchQuests(_request, context) {
      serviceTenant(context);
      yield { event: { case: "snapshot", value: { quests: [] } } };
      await new Promise<void>((resolve) =>
        context.signal.addEventListener("abort", () => resolve()),
      );
    },
  });

const logger = createLogger({ service: "rpc-limits", write: () => {} });
let issuer: TestIssuer;
let httpUrl: string;
let grpcUrl: string;
let stopHttp: () => Promise<void>;
let grpc: GrpcServer;

beforeAll(async () => {
  issuer = await createTestIssuer();
  const verifier = createTokenVerifier({ ...issuer, jwks: issuer.jwks });
  const rpc = {
    verifier,
    logger,
    readMaxBytes: MAX_MESSAGE_BYTES,
    streams: new StreamSlots({ perPrincipal: PER_USER, perAddress: PER_ADDRESS }),
  };
  const app = mountConnect(
    createServiceApp({ service: "rpc-limits", version: "1", logger, readiness: async () => ({}) }),
    routes,
    rpc,
  ).listen({ port: 0, hostname: "127.0.0.1" });
  const server = app.server;
  if (server === null) throw new Error("the HTTP server did not start");
  httpUrl = `http://127.0.0.1:${server.port}`;
  stopHttp = () => server.stop(true);
  grpc = await startGrpcServer({ routes, port: 0, host: "127.0.0.1", ...rpc });
  grpcUrl = `http://127.0.0.1:${grpc.port}`;
});

afterAll(async () => {
  await stopHttp();
  await grpc.close();
});

const bearer = async (
  sub: string = crypto.randomUUID(),
  roles: ("player" | "service")[] = ["player"],
) => ({
  authorization: `Bearer ${await issuer.sign({ sub, tid: "acme", roles })}`,
});

async function failure(call: () => Promise<unknown>): Promise<ConnectError> {
  try {
    await call();
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("expected the call to fail");
}

const protocols: [string, () => Transport][] = [
  ["Connect", () => createConnectTransport({ baseUrl: httpUrl })],
  ["gRPC-Web", () => createGrpcWebTransport({ baseUrl: httpUrl })],
  ["gRPC", () => createGrpcTransport({ baseUrl: grpcUrl })],
];

describe.each(protocols)("over %s", (_name, transport) => {
  const client = () => createClient(QuestCatalogService, transport());

  test("a message past the size limit is ResourceExhausted and never reaches the handler", async () => {
    const before = calls;
    const name = "x".repeat(MAX_MESSAGE_BYTES + 1);
    const headers = await bearer();
    const error = await failure(() =>
      client().getQuest({ key: { case: "name", value: name } }, { headers }),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(calls).toBe(before);
  });

  test("a message within the limit is served", async () => {
    const name = "x".repeat(MAX_MESSAGE_BYTES - 100);
    const answer = await client().getQuest(
      { key: { case: "name", value: name } },
      { headers: await bearer() },
    );
    expect(answer.quest?.name).toBe(name);
  });

  test("a caller past their stream limit is refused at once; a closed stream frees a slot", async () => {
    const headers = await bearer();
    const opened: AbortController[] = [];
    const open = async () => {
      const abort = new AbortController();
      const stream = client().watchQuests({}, { headers, signal: abort.signal });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      opened.push(abort);
      return iterator;
    };
    try {
      for (let slot = 0; slot < PER_USER; slot++) await open();
      const refused = await failure(open);
      expect([refused.code, refused.metadata.get(ERROR_CODE_HEADER)]).toEqual([
        Code.ResourceExhausted,
        "too_many_streams",
      ]);
      expect(refused.metadata.get("retry-after")).toMatch(/^\d+$/);
      opened.shift()?.abort();
      let reopened = false;
      for (let attempt = 0; attempt < 50 && !reopened; attempt++) {
        reopened = await open().then(
          () => true,
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            return false;
          },
        );
      }
      expect(reopened).toBe(true);
    } finally {
      for (const abort of opened) abort.abort();
    }
  });
});

describe("before a body is read", () => {
  test("HTTP port: a large proto body without a token is answered 401 while it is still arriving", async () => {
    const declared = 100 * 1024 * 1024;
    const exchange = rawExchange(
      httpUrl,
      [
        "POST /questline.catalog.v1.QuestCatalogService/GetQuest HTTP/1.1",
        "host: rpc.test",
        "content-type: application/proto",
        `content-length: ${declared}`,
      ].join("\r\n"),
      new Uint8Array(64 * 1024),
    );
    try {
      const head = await exchange.head();
      expect(head.status).toBe(401);
    } finally {
      exchange.close();
    }
  });

  test("gRPC port: a 64 MB message without a token is Unauthenticated before it is sent", async () => {
    const session = http2Connect(grpcUrl);
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/questline.catalog.v1.QuestCatalogService/GetQuest",
        "content-type": "application/grpc",
        te: "trailers",
      });
      const envelope = new Uint8Array(5);
      new DataView(envelope.buffer).setUint32(1, 64 * 1024 * 1024);
      stream.write(envelope);
      stream.write(new Uint8Array(64 * 1024));
      const status = await new Promise<string | undefined>((resolve) => {
        const done = (headers: Record<string, unknown>) => {
          const value = headers["grpc-status"];
          if (value !== undefined) resolve(String(value));
        };
        stream.on("response", done);
        stream.on("trailers", done);
        stream.on("close", () => resolve(undefined));
      });
      expect(status).toBe(String(Code.Unauthenticated));
    } finally {
      session.destroy();
    }
  });

  test("gRPC port: with a token, a message declared past the limit is refused from its envelope", async () => {
    const session = http2Connect(grpcUrl);
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/questline.catalog.v1.QuestCatalogService/GetQuest",
        "content-type": "application/grpc",
        te: "trailers",
        ...(await bearer()),
      });
      const envelope = new Uint8Array(5);
      new DataView(envelope.buffer).setUint32(1, 64 * 1024 * 1024);
      stream.write(envelope);
      stream.write(new Uint8Array(1024));
      const status = await new Promise<string | undefined>((resolve) => {
        const done = (headers: Record<string, unknown>) => {
          const value = headers["grpc-status"];
          if (value !== undefined) resolve(String(value));
        };
        stream.on("response", done);
        stream.on("trailers", done);
        stream.on("close", () => resolve(undefined));
      });
      expect(status).toBe(String(Code.ResourceExhausted));
    } finally {
      session.destroy();
    }
  });
});

describe("malformed protobuf", () => {
  const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);

  test("Connect: a body that is not the message is InvalidArgument (HTTP 400), not Internal", async () => {
    const response = await fetch(`${httpUrl}/questline.catalog.v1.QuestCatalogService/GetQuest`, {
      method: "POST",
      headers: { "content-type": "application/proto", ...(await bearer()) },
      body: garbage,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("invalid_argument");
  });

  test("gRPC-Web: the same is InvalidArgument", async () => {
    const frame = new Uint8Array(5 + garbage.length);
    new DataView(frame.buffer).setUint32(1, garbage.length);
    frame.set(garbage, 5);
    const response = await fetch(`${httpUrl}/questline.catalog.v1.QuestCatalogService/GetQuest`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", ...(await bearer()) },
      body: frame,
    });
    const text = new TextDecoder().decode(await response.arrayBuffer());
    expect(text).toContain(`grpc-status: ${Code.InvalidArgument}`);
  });

  test("a well-formed message still works (the check is no false alarm)", async () => {
    const body = toBinary(
      GetQuestRequestSchema,
      create(GetQuestRequestSchema, { key: { case: "name", value: "fine" } }),
    );
    const response = await fetch(`${httpUrl}/questline.catalog.v1.QuestCatalogService/GetQuest`, {
      method: "POST",
      headers: { "content-type": "application/proto", ...(await bearer()) },
      body,
    });
    expect(response.status).toBe(200);
  });
});

describe("stream limits per address", () => {
  test("many callers from one address share its limit; service callers are not counted", async () => {
    const client = createClient(QuestCatalogService, createConnectTransport({ baseUrl: httpUrl }));
    const aborts: AbortController[] = [];
    const open = async (headers: Record<string, string>) => {
      const abort = new AbortController();
      aborts.push(abort);
      const stream = client.watchQuests({}, { headers, signal: abort.signal });
      await stream[Symbol.asyncIterator]().next();
    };
    try {
      for (let user = 0; user < PER_ADDRESS; user++) await open(await bearer());
      const refused = await failure(async () => open(await bearer()));
      expect(refused.code).toBe(Code.ResourceExhausted);
      await open(await bearer("processing", ["service"]));
    } finally {
      for (const abort of aborts) abort.abort();
    }
  });
});
