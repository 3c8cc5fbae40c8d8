/**
 * A quest processing cannot apply is left out of the copy, logged and counted, and the others keep
 * flowing. The catalog refuses such quests itself, so the feed here is Connect's in-memory router
 * speaking for an older or hand-fed catalog.
 */
import { describe, expect, test } from "bun:test";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { createLogger } from "@questline/kit/logger";
import { createMetrics } from "@questline/kit/metrics";
import {
  Cadence,
  QuestCatalogService,
  QuestSchema,
  QuestStatus,
} from "@questline/proto/catalog/v1/catalog_pb";
import { quest as rules } from "../testing/decider";
import { QuestCopy } from "./quest-copy";
import { unusableBecause } from "./usable-quest";

describe("unusableBecause", () => {
  test("a sound quest has no problem", () => {
    expect(unusableBecause(rules({ name: "fine" }))).toEqual([]);
  });

  for (const [label, broken] of [
    ["an unknown zone", { timezone: "Mars/Olympus_Mons" }],
    ["a target of 0", { target: 0 }],
    ["a reward past the wallet's limit", { rewards: [{ item: "gold", qty: 1_000_001 }] }],
    ["no reward", { rewards: [] }],
    ["a reward item that is no item name", { rewards: [{ item: "Gold!", qty: 1 }] }],
    ["max_completions of 0", { maxCompletions: 0 }],
  ] as const) {
    test(`${label} is a problem`, () => {
      expect(unusableBecause(rules({ name: "broken", ...broken }))).not.toEqual([]);
    });
  }
});

const message = (
  id: number,
  name: string,
  overrides: Omit<MessageInitShape<typeof QuestSchema>, "$typeName"> = {},
) =>
  create(QuestSchema, {
    id: BigInt(id),
    name,
    title: name,
    trigger: "signin",
    target: 3,
    cadence: Cadence.ANY,
    timezone: "UTC",
    rewards: [{ item: "gold", qty: 10 }],
    status: QuestStatus.PUBLISHED,
    version: 1,
    ...overrides,
  });

describe("the quest copy with an unusable quest in the feed", () => {
  test("keeps the others, drops a quest whose new version is unusable, counts both", async () => {
    const catalog = createRouterTransport((router) =>
      router.service(QuestCatalogService, {
        getQuest: () => ({}),
        listQuests: () => ({ quests: [] }),
        async *watchQuests() {
          const quests = [
            message(1, "good"),
            message(2, "bad-zone", { timezone: "Mars/Olympus_Mons" }),
            message(3, "huge-reward", { rewards: [{ item: "gold", qty: 5_000_000 }] }),
            message(4, "soon-broken"),
          ];
          yield { event: { case: "snapshot", value: { quests } } };
          yield {
            event: { case: "changed", value: message(4, "soon-broken", { target: 0, version: 2 }) },
          };
          yield { event: { case: "changed", value: message(5, "later") } };
          await new Promise(() => undefined);
        },
      }),
    );
    const warnings: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: "processing",
      write: (line) => {
        const parsed = JSON.parse(line);
        if (parsed.level === "warn") warnings.push(parsed);
      },
    });
    const metrics = createMetrics();
    const copy = new QuestCopy({
      catalog,
      tokens: { token: async () => "service-token" },
      logger,
      skipped: metrics.counter("skipped_total", "test"),
    });
    try {
      let names: string[] = [];
      for (let attempt = 0; attempt < 100 && !names.includes("later"); attempt++) {
        names = [...(await copy.book("default")).keys()];
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(names.sort()).toEqual(["good", "later"]);
      expect(warnings.map((line) => line.quest)).toEqual([
        "bad-zone",
        "huge-reward",
        "soon-broken",
      ]);
      expect(metrics.render()).toContain('skipped_total{tenant="default"} 3');
    } finally {
      copy.close();
    }
  });
});
