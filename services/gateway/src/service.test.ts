/**
 * The gateway in front of the real catalog (its own listeners on free ports): REST, Connect and
 * gRPC-Web through one origin, a WatchQuests stream that keeps flowing, request ids end to end.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@connectrpc/connect";
import { questBody, startTestCatalog, type TestCatalog } from "@questline/catalog/testing";
import { eventually } from "@questline/kit/testing/eventually";
import { type RpcProtocol, rpcProtocols } from "@questline/kit/testing/rpc-protocols";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { startTestGateway, startUpstream, type TestGateway } from "./testing/harness";

let catalog: TestCatalog;
let gateway: TestGateway;
/** Same upstreams, a deadline shorter than the pause in the stream test: streams must outlive it. */
let shortDeadline: TestGateway;
let others: ReturnType<typeof startUpstream>;
let admin: string;
let player: string;

beforeAll(async () => {
  catalog = await startTestCatalog("sqlite", { env: { WATCH_POLL_MS: "100" } });
  const { httpUrl } = await catalog.listen();
  others = startUpstream(() => Response.json({ status: "ok" }));
  const upstreams = { CATALOG_URL: httpUrl, AUTH_URL: others.url, PROCESSING_URL: others.url };
  gateway = await startTestGateway(upstreams, { verifier: catalog.verifier });
  shortDeadline = await startTestGateway(
    { ...upstreams, UPSTREAM_TIMEOUT_MS: "300" },
    { verifier: catalog.verifier },
  );
  admin = await catalog.token(["admin"]);
  player = await catalog.token(["player"]);
});

afterAll(async () => {
  await gateway.close();
  await shortDeadline.close();
  others.stop();
  await catalog.close();
});

const rest = (method: string, path: string, token: string, body?: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function publishedQuest(name: string) {
  const created = await rest("POST", "/api/v1/quest", admin, questBody({ name }));
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: number };
  expect((await rest("POST", `/api/v1/quest/${id}/publish`, admin)).status).toBe(200);
}

describe("REST through the gateway", () => {
  test("the catalog's routes answer at the gateway, the list route included", async () => {
    const name = `rest-${crypto.randomUUID().slice(0, 8)}`;
    await publishedQuest(name);
    const one = await rest("GET", `/api/v1/quest/${name}`, player);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { name: string }).name).toBe(name);
    const list = (await (await rest("GET", "/api/v1/quest", player)).json()) as { name: string }[];
    expect(list.map((quest) => quest.name)).toContain(name);
  });

  test("the caller's request id reaches the catalog, comes back, and is in the gateway's log", async () => {
    const requestId = `trace-${crypto.randomUUID()}`;
    const response = await fetch(`${gateway.url}/api/v1/quest`, {
      headers: { authorization: `Bearer ${player}`, "x-request-id": requestId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    const logged = () =>
      gateway.logs.some((line) => line.request_id === requestId && line.status === 200);
    await eventually(logged, "the request's log line");
  });

  test("the catalog's own errors pass through unchanged", async () => {
    const response = await rest("GET", "/api/v1/quest/no-such-quest", player);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});

/** Connect or gRPC-Web (the gateway serves no native gRPC) through one of the gateways. */
const transportOf = (protocol: RpcProtocol, through: () => TestGateway) => {
  const [only] = rpcProtocols(() => ({ httpUrl: through().url, grpcUrl: "" }), {
    only: [protocol],
  });
  if (!only) throw new Error(`no ${protocol} transport`);
  return only[1]();
};
const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe.each(["Connect", "gRPC-Web"] as const)("%s through the gateway", (protocol) => {
  test("GetQuest answers", async () => {
    const name = `rpc-${crypto.randomUUID().slice(0, 8)}`;
    await publishedQuest(name);
    const client = createClient(
      QuestCatalogService,
      transportOf(protocol, () => gateway),
    );
    const { quest } = await client.getQuest({ key: { case: "name", value: name } }, as(player));
    expect(quest?.name).toBe(name);
  });

  test("a WatchQuests stream stays open past the upstream deadline and delivers a change", async () => {
    const client = createClient(
      QuestCatalogService,
      transportOf(protocol, () => shortDeadline),
    );
    const stop = new AbortController();
    const stream = client
      .watchQuests({}, { ...as(player), signal: stop.signal })
      [Symbol.asyncIterator]();
    try {
      expect((await stream.next()).value?.event.case).toBe("snapshot");
      await Bun.sleep(500);
      const name = `watched-${crypto.randomUUID().slice(0, 8)}`;
      await publishedQuest(name);
      const change = await stream.next();
      expect(change.value?.event.case).toBe("changed");
      expect(change.value?.event.value).toMatchObject({ name });
    } finally {
      stop.abort();
    }
  });
});

describe("what is not public", () => {
  test("internal RPC services have no route at the gateway", async () => {
    for (const path of [
      "/questline.auth.v1.WalletService/Grant",
      "/questline.processing.v1.TrackingService/TrackAction",
      "/questline.catalog.v1.QuestCatalogService/NoSuchMethod",
    ]) {
      const response = await fetch(`${gateway.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
        body: "{}",
      });
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe("route_not_found");
    }
  });
});

describe("docs and readiness", () => {
  test("/docs links every service, and a service's Swagger page works under /docs", async () => {
    const docs = await fetch(`${gateway.url}/docs`);
    const page = await docs.text();
    for (const name of ["auth", "catalog", "processing"]) {
      expect(page).toContain(`href="/docs/${name}/swagger"`);
    }
    const swaggerPage = await fetch(`${gateway.url}/docs/catalog/swagger`);
    for (const response of [docs, swaggerPage]) {
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    const swagger = await swaggerPage.text();
    expect(swagger).toContain('data-spec="/docs/catalog/swagger/json"');
    expect(swagger).not.toContain('"/swagger/');
    const init = await fetch(`${gateway.url}/docs/catalog/swagger/assets/swagger-init.js`);
    expect(init.status).toBe(200);
    const spec = (await (await fetch(`${gateway.url}/docs/catalog/swagger/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain("/api/v1/quest/{id}/publish");
    const css = await fetch(`${gateway.url}/docs/catalog/swagger/assets/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect((await fetch(`${gateway.url}/docs/billing/swagger`)).status).toBe(404);
  });

  test("/ready reports each service", async () => {
    const response = await fetch(`${gateway.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { auth: "ok", catalog: "ok", processing: "ok" },
    });
  });
});
