import { describe, expect, test } from "bun:test";
import { appErrorOf } from "@questline/kit/testing/app-error";
import { EXAMPLE_QUESTS } from "./examples";
import {
  applyChanges,
  assertVersion,
  type Quest,
  type QuestDraft,
  transition,
  visibleTo,
} from "./quest";
import { validateDraft } from "./quest-rules";

const [signInThreeTimes] = EXAMPLE_QUESTS;
if (!signInThreeTimes) throw new Error("examples are missing");
const draft: QuestDraft = signInThreeTimes;
const quest: Quest = { ...draft, id: 1, status: "draft", version: 1 };

describe("quest validation", () => {
  test("every example quest is valid", () => {
    for (const example of EXAMPLE_QUESTS) expect(validateDraft(example)).toEqual(example);
  });

  const badDrafts: [string, Partial<QuestDraft>][] = [
    ["name", { name: "Sign In" }],
    ["trigger", { trigger: "9lives" }],
    ["target", { target: 0 }],
    ["consecutive", { consecutive: true }],
    ["timezone", { timezone: "Mars/Olympus_Mons" }],
    ["max_completions", { maxCompletions: 0 }],
    ["rewards", { rewards: [] }],
    ["rewards/0/qty", { rewards: [{ item: "gold", qty: 0 }] }],
    [
      "rewards/1/item",
      {
        rewards: [
          { item: "gold", qty: 1 },
          { item: "gold", qty: 2 },
        ],
      },
    ],
    ["ends_at", { startsAt: new Date("2026-02-01"), endsAt: new Date("2026-01-01") }],
  ];
  test.each(badDrafts)("a bad %s is refused with 422 naming the field", (field, change) => {
    const error = appErrorOf(() => validateDraft({ ...draft, ...change }));
    expect(error.status).toBe(422);
    expect(error.field).toBe(field);
  });

  test("eleven rewards are too many", () => {
    const rewards = Array.from({ length: 11 }, (_, index) => ({ item: `item-${index}`, qty: 1 }));
    expect(appErrorOf(() => validateDraft({ ...draft, rewards })).field).toBe("rewards");
  });

  test("consecutive daily quests and unlimited completions are fine", () => {
    const daily = { ...draft, cadence: "daily", consecutive: true, maxCompletions: null } as const;
    expect(validateDraft(daily).consecutive).toBe(true);
  });
});

describe("quest versioning", () => {
  test("an edit keeps identity and status and grows the version by one", () => {
    const edited = applyChanges(quest, { target: 5 });
    expect(edited).toEqual({ ...quest, target: 5, version: 2 });
  });

  test("an invalid edit is refused", () => {
    expect(appErrorOf(() => applyChanges(quest, { target: -1 })).field).toBe("target");
  });

  test("an expected version that is not current is a 409", () => {
    expect(() => assertVersion(quest, 1)).not.toThrow();
    expect(appErrorOf(() => assertVersion(quest, 2)).code).toBe("version_conflict");
  });
});

describe("quest lifecycle", () => {
  test("draft → published → archived → published, each a new version", () => {
    const published = transition(quest, "published");
    const archived = transition(published, "archived");
    const republished = transition(archived, "published");
    expect([published.version, archived.version, republished.version]).toEqual([2, 3, 4]);
    expect(republished.status).toBe("published");
  });

  test("publishing twice is a 409 invalid_transition", () => {
    const published = transition(quest, "published");
    const error = appErrorOf(() => transition(published, "published"));
    expect([error.status, error.code]).toEqual([409, "invalid_transition"]);
  });

  test("players see only published quests; admins see all", () => {
    expect(visibleTo(quest, false)).toBe(false);
    expect(visibleTo(quest, true)).toBe(true);
    expect(visibleTo(transition(quest, "published"), false)).toBe(true);
  });
});
