import { afterAll, beforeAll, expect, test } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { questBody, startTestCatalog, type TestCatalog } from "../testing/harness";

describeEach("quest REST routes on %s", await testDialects(), (dialect) => {
  let catalog: TestCatalog;
  let admin: string;
  let player: string;

  beforeAll(async () => {
    catalog = await startTestCatalog(dialect);
    admin = await catalog.token(["player", "admin"]);
    player = await catalog.token(["player"]);
  });
  afterAll(() => catalog.close());

  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await catalog.call("POST", "/api/v1/quest", {
      token: admin,
      body: questBody(overrides),
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  test("an admin creates a draft at version 1 with the documented defaults", async () => {
    const quest = await create({ name: "defaults-check" });
    expect(quest).toMatchObject({
      name: "defaults-check",
      status: "draft",
      version: 1,
      cadence: "any",
      consecutive: false,
      timezone: "UTC",
      auto_claim: false,
      auto_start: true,
      description: "",
      starts_at: null,
      ends_at: null,
    });
  });

  test("players see a quest only once it is published; by id, by name and on the original path", async () => {
    const quest = await create();
    expect((await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: player })).status).toBe(
      404,
    );
    expect((await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: admin })).status).toBe(
      200,
    );

    const published = await catalog.call("POST", `/api/v1/quest/${quest.id}/publish`, {
      token: admin,
    });
    expect(published.body).toMatchObject({ status: "published", version: 2 });
    for (const path of [
      `/api/v1/quest/${quest.id}`,
      `/api/v1/quest/${quest.name}`,
      `/api/v1/quest/get/${quest.id}`,
    ]) {
      const response = await catalog.call("GET", path, { token: player });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(published.body);
    }
    const list = await catalog.call("GET", "/api/v1/quest", { token: player });
    expect(list.body.map((q: { name: string }) => q.name)).toContain(quest.name);
    expect(list.body.every((q: { status: string }) => q.status === "published")).toBe(true);
  });

  test("an edit grows the version, is visible at once (the cache is invalidated) and honours an expected version", async () => {
    const quest = await create({ status: "published" });
    await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: player });
    const edited = await catalog.call("PUT", `/api/v1/quest/${quest.id}`, {
      token: admin,
      body: { target: 5, version: 1 },
    });
    expect(edited.body).toMatchObject({ target: 5, version: 2 });
    expect(
      (await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: player })).body.target,
    ).toBe(5);

    const stale = await catalog.call("PUT", `/api/v1/quest/${quest.id}`, {
      token: admin,
      body: { target: 6, version: 1 },
    });
    expect([stale.status, stale.body.code]).toEqual([409, "version_conflict"]);
  });

  test("ten concurrent edits all land: none is lost, the version grows by ten", async () => {
    const quest = await create();
    const edits = Array.from({ length: 10 }, (_, index) =>
      catalog.call("PUT", `/api/v1/quest/${quest.id}`, {
        token: admin,
        body: { description: `edit ${index}` },
      }),
    );
    const statuses = (await Promise.all(edits)).map((response) => response.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(
      (await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: admin })).body.version,
    ).toBe(11);
  });

  test("archiving hides a quest from players; archived quests can be published again", async () => {
    const quest = await create({ status: "published" });
    const archived = await catalog.call("DELETE", `/api/v1/quest/${quest.id}`, { token: admin });
    expect(archived.body.status).toBe("archived");
    expect((await catalog.call("GET", `/api/v1/quest/${quest.id}`, { token: player })).status).toBe(
      404,
    );
    const again = await catalog.call("POST", `/api/v1/quest/${quest.id}/publish`, { token: admin });
    expect(again.body).toMatchObject({ status: "published", version: 3 });
  });

  test("a taken name is a 409 and writes nothing", async () => {
    const quest = await create();
    const before = (await catalog.call("GET", "/api/v1/quest", { token: admin })).body.length;
    const again = await catalog.call("POST", "/api/v1/quest", {
      token: admin,
      body: questBody({ name: quest.name }),
    });
    expect([again.status, again.body.code]).toEqual([409, "name_taken"]);
    expect((await catalog.call("GET", "/api/v1/quest", { token: admin })).body.length).toBe(before);
  });

  test("players cannot write; no token is a 401", async () => {
    const attempt = await catalog.call("POST", "/api/v1/quest", {
      token: player,
      body: questBody(),
    });
    expect([attempt.status, attempt.body.code]).toEqual([403, "forbidden"]);
    const anonymous = await catalog.call("GET", "/api/v1/quest");
    expect([anonymous.status, anonymous.body.code]).toEqual([401, "invalid_token"]);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
  });

  test.each([
    ["malformed JSON", "{not json", 400, undefined],
    ["an unknown field", questBody({ is_admin: true }), 422, "is_admin"],
    [
      "an unknown nested field",
      questBody({ rewards: [{ item: "gold", qty: 1, bonus: 5 }] }),
      422,
      "bonus",
    ],
    ["a zero target", questBody({ target: 0 }), 422, "target"],
    ["a bad trigger", questBody({ trigger: "Sign In" }), 422, "trigger"],
    ["a zero reward", questBody({ rewards: [{ item: "gold", qty: 0 }] }), 422, "qty"],
    ["no rewards", questBody({ rewards: [] }), 422, "rewards"],
    ["an unknown time zone", questBody({ timezone: "Nowhere/Land" }), 422, "timezone"],
    ["consecutive without daily", questBody({ consecutive: true }), 422, "consecutive"],
    [
      "an end before the start",
      questBody({ starts_at: "2026-02-01T00:00:00Z", ends_at: "2026-01-01T00:00:00Z" }),
      422,
      "ends_at",
    ],
  ])(
    "%s is refused with a problem naming the field, and nothing is written",
    async (_case, body, status, field) => {
      const before = (await catalog.call("GET", "/api/v1/quest", { token: admin })).body.length;
      const response = await catalog.call("POST", "/api/v1/quest", { token: admin, body });
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      if (field) expect(`${response.body.field} ${response.body.detail}`).toContain(field);
      expect((await catalog.call("GET", "/api/v1/quest", { token: admin })).body.length).toBe(
        before,
      );
    },
  );

  test("a token of tenant A never sees tenant B's quests; an unknown tenant is a 404", async () => {
    await catalog.service.storage.createTenant("acme");
    const acmeAdmin = await catalog.token(["player", "admin"], "acme");
    const ours = await create({ status: "published" });
    const theirs = await catalog.call("POST", "/api/v1/quest", {
      token: acmeAdmin,
      body: questBody({ status: "published" }),
    });
    expect(theirs.status).toBe(201);

    const acmeList = await catalog.call("GET", "/api/v1/quest", { token: acmeAdmin });
    expect(acmeList.body.map((q: { name: string }) => q.name)).toEqual([theirs.body.name]);
    expect(
      (await catalog.call("GET", `/api/v1/quest/${ours.name}`, { token: acmeAdmin })).status,
    ).toBe(404);
    const spoof = await catalog.call("GET", "/api/v1/quest", {
      token: acmeAdmin,
      headers: { "x-tenant-id": "default" },
    });
    expect([spoof.status, spoof.body.code]).toEqual([403, "wrong_tenant"]);

    const stranger = await catalog.token(["player"], "nowhere");
    const unknown = await catalog.call("GET", "/api/v1/quest", { token: stranger });
    expect([unknown.status, unknown.body.code]).toEqual([404, "unknown_tenant"]);
    expect(await catalog.service.storage.hasTenant("nowhere")).toBe(false);
  });
});
