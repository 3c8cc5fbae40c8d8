import { describe, expect, test } from "bun:test";
import {
  at,
  claimed,
  completed,
  DAILY_LOGIN_STREAK,
  progressed,
  quest,
  SIGN_IN_THREE_TIMES,
  started,
  tracked,
} from "../testing/decider";
import { progressList, progressOf, touchedQuests } from "./progress-view";
import { questBook } from "./quest-rules";
import { replay } from "./state";

const t0 = at("2024-05-01T10:00:00Z");

describe("progressOf", () => {
  test("an untouched quest is in progress at 0; next_reset_at is null unless daily", () => {
    expect(progressOf(replay([]), SIGN_IN_THREE_TIMES, t0)).toEqual({
      quest_name: "sign-in-three-times",
      progress: 0,
      target: 3,
      completions: 0,
      claims: 0,
      claimable: false,
      status: "in_progress",
      next_reset_at: null,
      started: true,
    });
  });

  test("an opt-in quest shows as not started until it is", () => {
    const optIn = quest({ name: "opt-in", autoStart: false });
    expect(progressOf(replay([]), optIn, t0).started).toBe(false);
    expect(progressOf(replay([started(optIn, t0)]), optIn, t0).started).toBe(true);
  });

  test("a daily quest resets at the end of the day in its zone, DST included", () => {
    const newYork = { ...DAILY_LOGIN_STREAK, timezone: "America/New_York" };
    const view = progressOf(replay([]), newYork, at("2024-03-10T16:00:00Z"));
    expect(view.next_reset_at).toBe("2024-03-11T04:00:00.000Z");
  });

  test("a streak already broken by a missed day shows 0 before the next action", () => {
    const state = replay([
      started(DAILY_LOGIN_STREAK, t0),
      progressed(DAILY_LOGIN_STREAK, 3, t0, "2024-05-01"),
    ]);
    expect(progressOf(state, DAILY_LOGIN_STREAK, at("2024-05-02T23:00:00Z")).progress).toBe(3);
    expect(progressOf(state, DAILY_LOGIN_STREAK, at("2024-05-03T00:00:00Z")).progress).toBe(0);
  });

  test("a target lowered under the progress caps the progress shown", () => {
    const state = replay([progressed(SIGN_IN_THREE_TIMES, 2, t0)]);
    const lowered = { ...SIGN_IN_THREE_TIMES, target: 1 };
    expect(progressOf(state, lowered, t0)).toMatchObject({ progress: 1, target: 1 });
  });

  test("with unlimited completions a quest is never completed", () => {
    const unlimited = { ...SIGN_IN_THREE_TIMES, maxCompletions: null };
    const state = replay([completed(unlimited, 5, t0), claimed(unlimited, "c", 5, t0)]);
    expect(progressOf(state, unlimited, t0).status).toBe("in_progress");
    expect(progressOf(state, SIGN_IN_THREE_TIMES, t0).status).toBe("completed");
  });
});

describe("progressList and touchedQuests", () => {
  test("lists published quests only", () => {
    const draft = quest({ name: "secret", status: "draft" });
    const names = progressList(replay([]), questBook([SIGN_IN_THREE_TIMES, draft]), t0).map(
      (view) => view.quest_name,
    );
    expect(names).toEqual(["sign-in-three-times"]);
  });

  test("names each quest a decision changed once", () => {
    const events = [
      tracked("signin", "a", t0),
      progressed(SIGN_IN_THREE_TIMES, 3, t0),
      completed(SIGN_IN_THREE_TIMES, 1, t0),
      progressed(DAILY_LOGIN_STREAK, 1, t0, "2024-05-01"),
    ];
    expect(touchedQuests(events)).toEqual(["sign-in-three-times", "daily-login-streak"]);
    expect(touchedQuests([tracked("signin", "a", t0)])).toEqual([]);
  });
});
