import { describe, expect, test } from "bun:test";
import {
  at,
  claimed,
  completed,
  DAILY_LOGIN_STREAK,
  progressed,
  started,
  streakBroken,
  tracked,
} from "../testing/decider";
import { isQuestEventType, QUEST_EVENT_TYPES } from "./events";
import { evolve, initialState, NOT_STARTED, questProgress, replay } from "./state";

const t0 = at("2024-05-01T10:00:00Z");
const streak = DAILY_LOGIN_STREAK;

describe("evolve", () => {
  test("takes totals from the events and leaves other quests alone", () => {
    const state = replay([
      tracked("signin", "a", t0),
      started(streak, t0),
      progressed(streak, 6, t0, "2024-05-06"),
      progressed(streak, 7, t0, "2024-05-07"),
      completed(streak, 1, t0),
      claimed(streak, "c", 1, t0),
    ]);
    expect(questProgress(state, streak.name)).toEqual({
      progress: 0,
      completions: 1,
      claims: 1,
      lastCountedDay: "2024-05-07",
      started: true,
    });
    expect(questProgress(state, "other")).toEqual(NOT_STARTED);
  });

  test("a broken streak drops progress but keeps the last counted day", () => {
    const state = replay([
      progressed(streak, 3, t0, "2024-05-01"),
      streakBroken(streak, 3, "2024-05-01", t0),
    ]);
    expect(questProgress(state, streak.name)).toMatchObject({
      progress: 0,
      lastCountedDay: "2024-05-01",
    });
  });

  test("never changes the state it is given", () => {
    const before = initialState();
    evolve(before, started(streak, t0));
    expect(before.quests.size).toBe(0);
  });
});

describe("isQuestEventType", () => {
  test("knows the six event types and nothing else", () => {
    // One event of each kind, as the decider's test support builds them (typed by the union).
    const six = [
      tracked("signin", "a", t0),
      started(streak, t0),
      progressed(streak, 1, t0),
      streakBroken(streak, 1, "2024-04-29", t0),
      completed(streak, 1, t0),
      claimed(streak, "c", 1, t0),
    ].map((event) => event.type);
    expect(new Set(six).size).toBe(6);
    for (const type of six) expect(isQuestEventType(type)).toBe(true);
    expect<string[]>([...QUEST_EVENT_TYPES].sort()).toEqual([...six].sort());
    for (const type of ["rewardclaimed", "RewardClaimed ", "QuestArchived", "", "constructor"]) {
      expect(isQuestEventType(type)).toBe(false);
    }
  });
});
