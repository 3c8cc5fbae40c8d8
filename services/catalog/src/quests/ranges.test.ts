/**
 * Every number of a quest has one range, the same in the REST model, the proto and the Postgres
 * column (SQLite has no 32-bit column: there the model's check is the range). Before, `POST
 * /api/v1/quest` took `target` 2147483648, 1e308 or 2^53+1 and a reward qty of 2^31, 2^63 or
 * anything above the wallet's per-grant limit: the quest was stored (201) and then could not be
 * served (int32) or claimed (the wallet refused the grant, forever).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { INT32_MAX } from "@questline/kit/http/numbers";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { MAX_GRANT_QTY } from "@questline/kit/wallet-limits";
import { ItemSchema } from "@questline/proto/auth/v1/wallet_pb";
import { QuestSchema, RewardSchema } from "@questline/proto/catalog/v1/catalog_pb";
import { getTableColumns } from "drizzle-orm";
import { quests } from "../schema/pg";
import { questBody, startTestCatalog, type TestCatalog } from "../testing/harness";
import { questCreateBody } from "./model";

const INT32_LIMITS = { [ScalarType.INT32]: INT32_MAX } as Partial<Record<ScalarType, number>>;

function protoMaximum(message: DescMessage, field: string): number | undefined {
  const descriptor = message.fields.find((one) => one.name === field);
  return descriptor?.scalar === undefined ? undefined : INT32_LIMITS[descriptor.scalar];
}

/** The `maximum` of a property of the create body, through optional and nullable wrappers. */
function modelMaximum(schema: unknown): number | undefined {
  const node = schema as { maximum?: number; anyOf?: unknown[]; items?: unknown };
  if (node.maximum !== undefined) return node.maximum;
  for (const branch of node.anyOf ?? []) {
    const found = modelMaximum(branch);
    if (found !== undefined) return found;
  }
  return undefined;
}

const columns = getTableColumns(quests);

describe("one range per number", () => {
  for (const [json, proto, column] of [
    ["target", "target", columns.target],
    ["max_completions", "max_completions", columns.maxCompletions],
  ] as const) {
    test(`${json}: the model, the proto and the Postgres column agree on int32`, () => {
      expect(modelMaximum(questCreateBody.properties[json])).toBe(INT32_MAX);
      expect(protoMaximum(QuestSchema, proto)).toBe(INT32_MAX);
      expect(column.getSQLType()).toBe("integer");
    });
  }

  test("version is int32 everywhere", () => {
    expect(protoMaximum(QuestSchema, "version")).toBe(INT32_MAX);
    expect(columns.version.getSQLType()).toBe("integer");
  });

  test("a reward's qty is at most what one wallet grant holds, which both protos carry", () => {
    const reward = questCreateBody.properties.rewards.items.properties.qty;
    expect(modelMaximum(reward)).toBe(MAX_GRANT_QTY);
    expect(MAX_GRANT_QTY).toBeLessThanOrEqual(protoMaximum(RewardSchema, "qty") ?? 0);
    expect(MAX_GRANT_QTY).toBeLessThanOrEqual(protoMaximum(ItemSchema, "qty") ?? 0);
  });
});

describeEach(
  "out-of-range numbers are refused at the door on %s",
  await testDialects(),
  (dialect) => {
    let catalog: TestCatalog;
    let admin: string;

    beforeAll(async () => {
      catalog = await startTestCatalog(dialect);
      admin = await catalog.token(["player", "admin"]);
    });
    afterAll(() => catalog.close());

    const create = (overrides: Record<string, unknown>) =>
      catalog.call("POST", "/api/v1/quest", { token: admin, body: questBody(overrides) });
    const raw = (text: string) =>
      catalog.call("POST", "/api/v1/quest", { token: admin, body: text });

    for (const target of ["2147483648", "1e308", "9007199254740993"]) {
      test(`target ${target} is a 422 naming target`, async () => {
        const name = `t-${crypto.randomUUID().slice(0, 8)}`;
        const body = JSON.stringify(questBody({ name })).replace(
          '"target":3',
          `"target":${target}`,
        );
        const answer = await raw(body);
        expect([answer.status, answer.body.field]).toEqual([422, "target"]);
      });
    }

    for (const qty of ["2147483648", "9223372036854775808", String(MAX_GRANT_QTY + 1)]) {
      test(`reward qty ${qty} is a 422 naming rewards/0/qty`, async () => {
        const body = JSON.stringify(questBody()).replace('"qty":10', `"qty":${qty}`);
        const answer = await raw(body);
        expect([answer.status, answer.body.field]).toEqual([422, "rewards/0/qty"]);
      });
    }

    test("max_completions past int32 is a 422", async () => {
      const answer = await create({ max_completions: INT32_MAX + 1 });
      expect([answer.status, answer.body.field]).toEqual([422, "max_completions"]);
    });

    test("the largest values in range are accepted and read back unchanged", async () => {
      const answer = await create({
        target: INT32_MAX,
        max_completions: INT32_MAX,
        rewards: [{ item: "gold", qty: MAX_GRANT_QTY }],
      });
      expect(answer.status).toBe(201);
      const read = await catalog.call("GET", `/api/v1/quest/${answer.body.id}`, { token: admin });
      expect(read.body).toMatchObject({
        target: INT32_MAX,
        max_completions: INT32_MAX,
        rewards: [{ item: "gold", qty: MAX_GRANT_QTY }],
      });
      expect(read.body.problems).toBeUndefined();
    });

    test("an edit cannot take a number out of range either", async () => {
      const created = await create({});
      for (const [field, body] of [
        ["target", { target: INT32_MAX + 1 }],
        ["rewards/0/qty", { rewards: [{ item: "gold", qty: MAX_GRANT_QTY + 1 }] }],
        ["version", { version: INT32_MAX + 1 }],
      ] as const) {
        const answer = await catalog.call("PUT", `/api/v1/quest/${created.body.id}`, {
          token: admin,
          body,
        });
        expect([answer.status, answer.body.field]).toEqual([422, field]);
      }
    });

    test("/api/v1/quest/get/0x1 is a 422, never quest 1; /api/v1/quest/0x1 looks for a name", async () => {
      const first = await create({});
      expect(first.status).toBe(201);
      for (const path of [
        "/api/v1/quest/get/0x1",
        "/api/v1/quest/get/01",
        "/api/v1/quest/get/1e0",
      ]) {
        expect((await catalog.call("GET", path, { token: admin })).status).toBe(422);
      }
      const byKey = await catalog.call("GET", "/api/v1/quest/0x1", { token: admin });
      expect([byKey.status, byKey.body.code]).toEqual([404, "quest_not_found"]);
    });
  },
);
