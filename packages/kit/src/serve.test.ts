import { describe, expect, test } from "bun:test";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { Elysia } from "elysia";
import { createLogger } from "./logger";
import { runService } from "./serve";
import { createTestIssuer } from "./testing/token-issuer";
import { createTokenVerifier } from "./tokens";

const logger = createLogger({ service: "serve-test", write: () => {} });

describe("runService", () => {
  test("finishes a request in flight before it stops, then runs onShutdown", async () => {
    const events: string[] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = () => {};
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const app = new Elysia().get("/slow", async () => {
      arrived();
      await released;
      events.push("request finished");
      return "done";
    });
    const service = await runService({
      app,
      port: 0,
      hostname: "127.0.0.1",
      logger,
      onShutdown: async () => {
        events.push("databases closed");
      },
    });
    const url = `http://127.0.0.1:${service.httpPort}/slow`;
    const pending = fetch(url);
    await inFlight;
    const stopped = service.stop().then(() => events.push("stopped"));
    release();
    const response = await pending;
    expect([response.status, await response.text()]).toEqual([200, "done"]);
    await stopped;
    expect(events).toEqual(["request finished", "databases closed", "stopped"]);
    expect(
      await fetch(url).then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");
  });

  test("serves gRPC on its own port and closes it on stop", async () => {
    const issuer = await createTestIssuer();
    const verifier = createTokenVerifier({ ...issuer, jwks: issuer.jwks });
    const token = await issuer.sign({ sub: "u-1", tid: "default", roles: ["player"] });
    const headers = { authorization: `Bearer ${token}` };
    const service = await runService({
      app: new Elysia(),
      port: 0,
      hostname: "127.0.0.1",
      logger,
      grpc: {
        port: 0,
        verifier,
        routes: (router) =>
          router.service(QuestCatalogService, {
            listQuests: () => ({ quests: [{ name: "sign-up" }] }),
          }),
      },
    });
    const client = createClient(
      QuestCatalogService,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${service.grpcPort}` }),
    );
    const listed = await client.listQuests({}, { headers });
    expect(listed.quests.map((quest) => quest.name)).toEqual(["sign-up"]);
    await service.stop();
    const after = createClient(
      QuestCatalogService,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${service.grpcPort}` }),
    );
    expect(
      await after.listQuests({}).then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");
  });

  test("exits 0 on SIGTERM after running onShutdown", async () => {
    const script = `
      import { Elysia } from "elysia";
      import { createLogger } from "./src/logger";
      import { runService } from "./src/serve";
      const service = await runService({
        app: new Elysia().get("/", () => "hi"), port: 0, hostname: "127.0.0.1",
        logger: createLogger({ service: "child", write: () => {} }),
        onShutdown: async () => console.log("onShutdown ran"),
      });
      console.log("listening " + service.httpPort);`;
    const child = Bun.spawn(["bun", "-e", script], {
      cwd: `${import.meta.dirname}/..`,
      stdout: "pipe",
    });
    const reader = child.stdout.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toStartWith("listening ");
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    const rest = new TextDecoder().decode((await reader.read()).value);
    expect(rest).toContain("onShutdown ran");
  });
});
