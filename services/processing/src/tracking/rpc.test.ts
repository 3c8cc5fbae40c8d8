/**
 * TrackingService over all three protocols against real listeners: Connect and gRPC-Web on the
 * HTTP port, native gRPC on the h2c port, as auth calls it to report sign-ins.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, createClient } from "@connectrpc/connect";
import { createLogger } from "@questline/kit/logger";
import { runService } from "@questline/kit/serve";
import { failureCodeOf, rpcProtocols } from "@questline/kit/testing/rpc-protocols";
import { TrackingService, TrackStatus } from "@questline/proto/processing/v1/tracking_pb";
import { startTestProcessing, type TestProcessing } from "../testing/harness";

let processing: TestProcessing;
let stop: () => Promise<void>;
let httpUrl: string;
let grpcUrl: string;

beforeAll(async () => {
  processing = await startTestProcessing("sqlite");
  const running = await runService({
    app: processing.service.app,
    port: 0,
    grpc: { ...processing.service.grpc, port: 0 },
    logger: createLogger({ service: "processing", write: () => undefined }),
  });
  httpUrl = `http://127.0.0.1:${running.httpPort}`;
  grpcUrl = `http://127.0.0.1:${running.grpcPort}`;
  stop = running.stop;
});

afterAll(async () => {
  await stop();
  await processing.close();
});

const transports = rpcProtocols(() => ({ httpUrl, grpcUrl }));

describe.each(transports)("TrackingService over %s", (_name, transport) => {
  const client = () => createClient(TrackingService, transport());
  const asService = async () => ({
    authorization: `Bearer ${await processing.serviceToken()}`,
    "x-tenant-id": "default",
  });

  test("a reported sign-in counts once, also when the client reports it too", async () => {
    const userId = crypto.randomUUID();
    const sessionId = crypto.randomUUID();
    const report = { userId, action: "signin", actionId: `signin:${sessionId}` };
    const first = await client().trackAction(report, { headers: await asService() });
    expect(first.status).toBe(TrackStatus.TRACKED);
    expect(first.quests.map((quest) => [quest.questName, quest.progress])).toEqual([
      ["sign-in-three-times", 1],
    ]);
    const again = await client().trackAction(report, { headers: await asService() });
    expect(again.status).toBe(TrackStatus.DUPLICATE);

    const bearer = await processing.token(["player"], userId, "default", { id: sessionId });
    const client_ = await processing.call("POST", "/api/v1/track/signin", { token: bearer });
    expect([client_.body.status, client_.body.quests[0].progress]).toEqual(["duplicate", 1]);
  });

  test("players may not report actions: PermissionDenied", async () => {
    const headers = { authorization: `Bearer ${await processing.token(["player"])}` };
    const call = client().trackAction(
      { userId: "u", action: "signin", actionId: "signin:x" },
      { headers },
    );
    expect(await failureCodeOf(call)).toBe(Code.PermissionDenied);
  });

  test("bad reports are InvalidArgument and write nothing", async () => {
    const userId = crypto.randomUUID();
    const bad = [
      { userId, action: "Sign In", actionId: "a" },
      { userId, action: "signin", actionId: "" },
      { userId: "", action: "signin", actionId: "a" },
      { userId, action: "signin", actionId: "a", occurredAt: "yesterday" },
      { userId, action: "signin", actionId: "a", occurredAt: "2999-01-01T00:00:00Z" },
    ];
    for (const report of bad) {
      expect(
        await failureCodeOf(client().trackAction(report, { headers: await asService() })),
      ).toBe(Code.InvalidArgument);
    }
    const admin = await processing.token(["admin"]);
    const progress = await processing.call("GET", `/api/v1/track/admin/users/${userId}/progress`, {
      token: admin,
    });
    expect(progress.body.every((view: { progress: number }) => view.progress === 0)).toBe(true);
  });
});
