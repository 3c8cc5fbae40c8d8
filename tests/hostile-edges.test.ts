/**
 * Issue 14's reproductions at the edges of the system (whole system, SQLite and Postgres + Redis):
 * M3 deep JSON on every body, M5 large unauthenticated RPC messages, L2 short Host headers, L5
 * errors below the app, L6 sign-ups per address, docs headers, /metrics and data file modes.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { statSync } from "node:fs";
import { connect as http2Connect } from "node:http2";
import { join } from "node:path";
import { rawExchange, rawRequest } from "@questline/kit/testing/raw-http";
import { describeEach } from "@questline/kit/testing/variants";
import { restClient, uniqueName } from "./support/client";
import { hostileSetups, METRICS_TOKEN, nestedArrays } from "./support/hostile";
import { DEV_ADMIN, startSystem, type TestSystem } from "./support/system";

setDefaultTimeout(60_000);
const PASSWORD = "correct horse battery";
const SIGNUPS_PER_ADDRESS = 6;
const GET_QUEST = "/questline.catalog.v1.QuestCatalogService/GetQuest";

describeEach("hostile edges on %s", await hostileSetups(), (setup) => {
  let system: TestSystem;
  let api: ReturnType<typeof restClient>;
  let admin: string;
  let player: { token: string; refresh_token: string };

  beforeAll(async () => {
    system = await startSystem({
      ...setup,
      env: { ...setup.env, SIGNUP_MAX_PER_ADDRESS: String(SIGNUPS_PER_ADDRESS) },
    });
    api = restClient(system.gatewayUrl);
    admin = (await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password)).token;
    player = (await api.signUp(uniqueName("edge"), PASSWORD)) as unknown as typeof player;
  }, 120_000);
  afterAll(() => system.shutdown());

  const deep = nestedArrays(5000);
  const bodies: [string, string, () => string | undefined][] = [
    ["/api/v1/auth/signup", `{"user_name":${deep},"password":"x"}`, () => undefined],
    ["/api/v1/auth/signin", `{"user_name":"a","password":${deep}}`, () => undefined],
    ["/api/v1/auth/refresh", `{"refresh_token":${deep}}`, () => undefined],
    [
      "/api/v1/auth/token",
      `{"grant_type":"client_credentials","client_id":${deep}}`,
      () => undefined,
    ],
    ["/api/v1/auth/admin/tenants", `{"tenant_id":${deep}}`, () => admin],
    ["/api/v1/track/actions", `{"action":${deep}}`, () => player.token],
    ["/api/v1/track/claim_reward", `{"quest_name":${deep}}`, () => player.token],
    ["/api/v1/quest", `{"name":${deep}}`, () => admin],
  ];

  test.each(bodies)(
    "M3: %s with arrays nested 5,000 deep is 422 json_too_deep",
    async (path, body, token) => {
      const bearer = token();
      const response = await fetch(`${system.gatewayUrl}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        },
        body,
      });
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { code: string }).code).toBe("json_too_deep");
    },
  );

  test("M5: 64 MB to auth's gRPC port without a token is Unauthenticated before it is sent", async () => {
    const session = http2Connect(system.grpcUrlOf("auth"));
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/questline.auth.v1.WalletService/Grant",
        "content-type": "application/grpc",
        te: "trailers",
      });
      const envelope = new Uint8Array(5);
      new DataView(envelope.buffer).setUint32(1, 64 * 1024 * 1024);
      stream.write(envelope);
      stream.write(new Uint8Array(256 * 1024));
      const status = await new Promise<unknown>((resolve) => {
        const done = (headers: Record<string, unknown>) => {
          if (headers["grpc-status"] !== undefined) resolve(headers["grpc-status"]);
        };
        stream.on("response", done);
        stream.on("trailers", done);
        stream.on("close", () => resolve("closed without a status"));
      });
      expect(status).toBe("16");
    } finally {
      session.destroy();
    }
  });

  test("M5: 100 MB of application/proto to auth's HTTP port is 401 while it is still arriving", async () => {
    const exchange = rawExchange(
      system.urlOf("auth"),
      [
        "POST /questline.auth.v1.WalletService/Grant HTTP/1.1",
        "host: auth.test",
        "content-type: application/proto",
        `content-length: ${100 * 1024 * 1024}`,
      ].join("\r\n"),
      new Uint8Array(256 * 1024),
    );
    try {
      expect((await exchange.head()).status).toBe(401);
    } finally {
      exchange.close();
    }
  });

  test("L2: the gateway routes on the path whatever the Host header says", async () => {
    const auth = `authorization: Bearer ${player.token}`;
    const short = await rawRequest(
      system.gatewayUrl,
      `GET /api/v1/quest HTTP/1.1\r\nhost: api\r\n${auth}`,
    );
    expect(short.status).toBe(200);
    const odd = await rawRequest(
      system.gatewayUrl,
      `GET /ab/api/v1/quest HTTP/1.1\r\nhost: x\r\n${auth}`,
    );
    expect([odd.status, odd.headers["content-type"]]).toEqual([404, "application/problem+json"]);
  });

  test("L5: malformed protobuf is invalid_argument; what the runtime answers itself is documented", async () => {
    const garbage = await fetch(`${system.gatewayUrl}${GET_QUEST}`, {
      method: "POST",
      headers: { "content-type": "application/proto", authorization: `Bearer ${player.token}` },
      body: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]),
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { code: string }).code).toBe("invalid_argument");
    // Bun's HTTP parser answers these before any code of ours runs (docs/development.md).
    const huge = await rawRequest(
      system.gatewayUrl,
      `GET /health HTTP/1.1\r\nhost: g\r\nx-big: ${"a".repeat(20 * 1024)}`,
    );
    expect(huge.status).toBe(431);
    const nul = await rawRequest(
      system.gatewayUrl,
      "GET /health HTTP/1.1\r\nhost: g\r\nx-nul: a\0b",
    );
    expect(nul.status).toBe(400);
  });

  test("L6: /metrics needs the token; the docs pages carry the security headers", async () => {
    expect((await fetch(`${system.gatewayUrl}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${system.gatewayUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    for (const path of ["/docs", "/docs/auth/swagger", "/console"]) {
      const page = await fetch(`${system.gatewayUrl}${path}`);
      expect([path, page.headers.get("x-frame-options")]).toEqual([path, "DENY"]);
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  // Only SQLite keeps the data in files: on Postgres there is nothing of the kind to look at.
  if (setup.dialect === "sqlite") {
    test("L6: every service's SQLite files are 0600 in 0700 folders", () => {
      for (const service of ["auth", "catalog", "processing"]) {
        const folder = join(system.dataDir, service);
        expect([service, statSync(folder).mode & 0o777]).toEqual([service, 0o700]);
        const file = join(folder, "default.db");
        expect([file, statSync(file).mode & 0o777]).toEqual([file, 0o600]);
      }
    });
  }

  test("L6: one address may sign up only so often; the refused name makes no account", async () => {
    let refused: Awaited<ReturnType<typeof api.call>> | undefined;
    let name = "";
    for (let attempt = 0; attempt <= SIGNUPS_PER_ADDRESS && refused === undefined; attempt++) {
      name = uniqueName("many");
      const answer = await api.call("POST", "/api/v1/auth/signup", {
        body: { user_name: name, password: PASSWORD },
      });
      if (answer.status !== 201) refused = answer;
    }
    if (refused === undefined) throw new Error("every sign-up was accepted");
    expect(refused.status).toBe(429);
    expect((refused.body as { code: string }).code).toBe("too_many_signups");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    const signin = await api.call("POST", "/api/v1/auth/signin", {
      body: { user_name: name, password: PASSWORD },
    });
    expect(signin.status).toBe(401);
  });
});
