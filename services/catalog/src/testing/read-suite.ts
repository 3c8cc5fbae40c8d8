/**
 * The catalog's read contract, one suite for every place that serves it: the catalog process
 * (`quests/reads.test.ts`) and the edge bundle in workerd (`tests/edge.test.ts`).
 * Reads go to the target's URL; writes go to a catalog process on the same database and cache,
 * which seeds the example quests. REST here, RPC in `read-suite-rpc.ts`.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { jsonClient } from "@questline/kit/testing/json-client";
import { createTestIssuer } from "@questline/kit/testing/token-issuer";
import { eq } from "drizzle-orm";
import { EXAMPLE_QUESTS, seedExamples } from "../quests/examples";
import { questBody, type TestCatalog } from "./harness";
import { readSuiteRpc } from "./read-suite-rpc";

export interface ReadTarget {
  /** Where reads go: REST, Connect and gRPC-Web. */
  httpUrl: string;
  /** Native gRPC, where the target has it (the edge has none). */
  grpcUrl?: string;
  /** The catalog process whose writes the target must see. */
  writer: TestCatalog;
}

const EXAMPLE_NAMES = EXAMPLE_QUESTS.map((quest) => quest.name);
const PROBLEM = "application/problem+json";

/**
 * Registers the suite; `target()` is read once the caller's `beforeAll` has started things.
 * `grpc`: whether the target serves native gRPC (at `grpcUrl`).
 */
export function catalogReadSuite(target: () => ReadTarget, options: { grpc: boolean }): void {
  let player: string;
  let admin: string;
  const read = jsonClient((request) => fetch(request), "");
  const at = (path: string) => `${target().httpUrl}${path}`;

  beforeAll(async () => {
    const { writer } = target();
    await seedExamples(writer.service.catalog, "default");
    player = await writer.token(["player"]);
    admin = await writer.token(["player", "admin"]);
  });

  /** Creates a quest through the writer (an admin's REST call). */
  const create = async (overrides: Record<string, unknown> = {}) => {
    const created = await target().writer.call("POST", "/api/v1/quest", {
      token: admin,
      body: questBody(overrides),
    });
    expect(created.status).toBe(201);
    return created.body as { id: number; name: string; version: number };
  };

  describe("REST", () => {
    test("a player lists the example quests and reads each by name, by id and on the original path", async () => {
      const list = await read("GET", at("/api/v1/quest"), { token: player });
      expect(list.status).toBe(200);
      const names = list.body.map((quest: { name: string }) => quest.name);
      expect(names).toEqual(expect.arrayContaining(EXAMPLE_NAMES));
      for (const name of EXAMPLE_NAMES) {
        const byName = await read("GET", at(`/api/v1/quest/${name}`), { token: player });
        expect([byName.status, byName.body.name, byName.body.status]).toEqual([
          200,
          name,
          "published",
        ]);
        const expected = await target().writer.call("GET", `/api/v1/quest/${name}`, {
          token: player,
        });
        expect(byName.body).toEqual(expected.body);
        for (const path of [
          `/api/v1/quest/${byName.body.id}`,
          `/api/v1/quest/get/${byName.body.id}`,
        ]) {
          expect((await read("GET", at(path), { token: player })).body).toEqual(expected.body);
        }
      }
    });

    test("a player does not see a draft; an admin does", async () => {
      const draft = await create();
      const hidden = await read("GET", at(`/api/v1/quest/${draft.name}`), { token: player });
      expect([hidden.status, hidden.body.code]).toEqual([404, "quest_not_found"]);
      const shown = await read("GET", at(`/api/v1/quest/${draft.name}`), { token: admin });
      expect([shown.status, shown.body.status]).toEqual([200, "draft"]);
    });

    test("a write in the catalog is seen at once: the cached entries are invalidated", async () => {
      const quest = await create({ status: "published" });
      const path = at(`/api/v1/quest/${quest.name}`);
      // Read twice, so the second answer comes from the cache.
      for (let index = 0; index < 2; index++) {
        expect((await read("GET", path, { token: player })).body.target).toBe(3);
      }
      await read("GET", at("/api/v1/quest"), { token: player });
      const edited = await target().writer.call("PUT", `/api/v1/quest/${quest.id}`, {
        token: admin,
        body: { target: 5 },
      });
      expect(edited.status).toBe(200);
      const after = await read("GET", path, { token: player });
      expect([after.body.target, after.body.version]).toEqual([5, 2]);
      const archived = await target().writer.call("DELETE", `/api/v1/quest/${quest.id}`, {
        token: admin,
      });
      expect(archived.status).toBe(200);
      const list = await read("GET", at("/api/v1/quest"), { token: player });
      expect(list.body.map((one: { name: string }) => one.name)).not.toContain(quest.name);
    });

    test("reads come from the shared cache: a row changed behind the catalog's back stays unseen until a write", async () => {
      const quest = await create({ status: "published", title: "As written" });
      const path = at(`/api/v1/quest/${quest.name}`);
      expect((await read("GET", path, { token: player })).body.title).toBe("As written");
      const store = await target().writer.service.storage.tenant("default");
      await store.transaction((tx) =>
        tx
          .update(store.tables.quests)
          .set({ title: "Changed in the database" })
          .where(eq(store.tables.quests.id, quest.id)),
      );
      expect((await read("GET", path, { token: player })).body.title).toBe("As written");
      await target().writer.call("PUT", `/api/v1/quest/${quest.id}`, {
        token: admin,
        body: { description: "a write invalidates" },
      });
      expect((await read("GET", path, { token: player })).body.title).toBe(
        "Changed in the database",
      );
    });

    test("twenty uncached reads at once all answer", async () => {
      // A write replaces the cache's generation: every read below goes to Postgres.
      await create({ status: "published" });
      const reads = Array.from({ length: 20 }, (_, index) =>
        read("GET", at(`/api/v1/quest/${EXAMPLE_NAMES[index % EXAMPLE_NAMES.length]}`), {
          token: player,
        }),
      );
      expect((await Promise.all(reads)).map((answer) => answer.status)).toEqual(
        Array(20).fill(200),
      );
    });
  });

  describe("errors are problem+json", () => {
    const problem = async (path: string, options: Parameters<typeof read>[2]) => {
      const answer = await read("GET", at(path), options);
      expect(answer.headers.get("content-type")).toContain(PROBLEM);
      return [answer.status, answer.body.code];
    };

    test("no token, a token from an unknown key, an expired token: 401", async () => {
      const { writer } = target();
      expect(await problem("/api/v1/quest", {})).toEqual([401, "invalid_token"]);
      // Right claims, a key auth never published.
      const stranger = await createTestIssuer();
      const forged = await stranger.sign({ sub: "mallory", tid: "default", roles: ["admin"] });
      expect(await problem("/api/v1/quest", { token: forged })).toEqual([401, "invalid_token"]);
      const expired = await writer.issuer?.sign({
        sub: "late",
        tid: "default",
        roles: ["player"],
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      expect(await problem("/api/v1/quest", { token: expired })).toEqual([401, "token_expired"]);
    });

    test("another tenant's header is 403, an unknown tenant 404, an unknown quest 404, a bad id 422", async () => {
      const { writer } = target();
      expect(await problem("/api/v1/quest", { token: player, tenant: "acme" })).toEqual([
        403,
        "wrong_tenant",
      ]);
      const nowhere = await writer.token(["player"], "nowhere");
      expect(await problem("/api/v1/quest", { token: nowhere })).toEqual([404, "unknown_tenant"]);
      expect(await problem("/api/v1/quest/no-such-quest", { token: player })).toEqual([
        404,
        "quest_not_found",
      ]);
      const [status] = await problem("/api/v1/quest/get/not-a-number", { token: player });
      expect(status).toBe(422);
    });
  });

  readSuiteRpc(target, { player: () => player, admin: () => admin, create }, options);
}
