/**
 * The local quest copy against a real catalog over gRPC: loaded before readiness, kept fresh by
 * `WatchQuests`, and still serving when the catalog goes away.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually } from "@questline/kit/testing/eventually";
import { startTestProcessing, type TestProcessing } from "../testing/harness";

type View = { quest_name: string; target: number; progress: number };

describe("quest copy fed by the catalog", () => {
  let processing: TestProcessing;

  beforeAll(async () => {
    processing = await startTestProcessing("sqlite");
  });
  afterAll(() => processing.close());

  const viewOf = async (questName: string, token: string): Promise<View | undefined> => {
    const progress = await processing.call("GET", "/api/v1/track/progress", { token });
    return progress.body.find((view: View) => view.quest_name === questName);
  };

  test("ready once the default tenant's snapshot arrived", async () => {
    await eventually(
      async () => (await processing.call("GET", "/ready")).status === 200,
      "readiness",
    );
    const ready = await processing.call("GET", "/ready");
    expect(ready.body.checks).toEqual({ storage: "ok", quests: "ok" });
  });

  test("a change in the catalog reaches the copy without a restart", async () => {
    const token = await processing.token();
    const admin = await processing.catalog.token(["player", "admin"]);
    const list = await processing.catalog.call("GET", "/api/v1/quest", {
      token: admin,
    });
    const quest = list.body.find((one: { name: string }) => one.name === "level-up-many");
    const edited = await processing.catalog.call("PUT", `/api/v1/quest/${quest.id}`, {
      token: admin,
      body: { target: 500 },
    });
    expect(edited.status).toBe(200);
    await eventually(
      async () => (await viewOf("level-up-many", token))?.target === 500,
      "the new target",
    );

    const created = await processing.catalog.call("POST", "/api/v1/quest", {
      token: admin,
      body: {
        name: "open-chest",
        title: "Open a chest",
        trigger: "chest_opened",
        target: 1,
        rewards: [{ item: "gold", qty: 5 }],
        status: "published",
      },
    });
    expect(created.status).toBe(201);
    await eventually(
      async () => (await viewOf("open-chest", token)) !== undefined,
      "the new quest",
    );
  });

  test("with the catalog gone, the last copy keeps serving", async () => {
    await processing.catalog.close();
    const token = await processing.token();
    const tracked = await processing.call("POST", "/api/v1/track/actions", {
      token,
      body: { action: "chest_opened" },
    });
    expect(tracked.status).toBe(200);
    expect(tracked.body.quests[0]).toMatchObject({ quest_name: "open-chest", completions: 1 });
    expect((await processing.call("GET", "/ready")).status).toBe(200);
    // The catalog's graceful stop lets the open watch stream run out its grace period first.
  }, 30_000);
});

describe("quest copy without a catalog", () => {
  let processing: TestProcessing;

  beforeAll(async () => {
    processing = await startTestProcessing("sqlite", {
      env: { CATALOG_GRPC_URL: "http://127.0.0.1:9", QUESTS_LOAD_TIMEOUT_MS: "200" },
    });
  });
  afterAll(() => processing.close());

  test("not ready, and tracking answers 503 quests_unavailable with nothing written", async () => {
    const token = await processing.token();
    const tracked = await processing.call("POST", "/api/v1/track/signin", { token });
    expect([tracked.status, tracked.body.code]).toEqual([503, "quests_unavailable"]);
    expect((await processing.call("GET", "/ready")).status).toBe(503);
    const history = await processing.call("GET", "/api/v1/track/history", { token });
    expect(history.body.events).toEqual([]);
  });
});
