import { describe, test } from "bun:test";
import {
  at,
  claimed,
  completed,
  given,
  progressed,
  quest,
  SIGN_IN_THREE_TIMES,
  SIGN_UP,
  started,
  track,
  tracked,
} from "../testing/decider";

const t0 = at("2024-05-01T10:00:00Z");
const t1 = at("2024-05-01T11:00:00Z");

describe("TrackAction: every action is logged", () => {
  test("an action no quest listens to yields ActionTracked alone", () => {
    given()
      .when(track("level_up", "a1", t0, [SIGN_IN_THREE_TIMES]))
      .thenEmits([tracked("level_up", "a1", t0)]);
  });

  test("an action counts in every published quest it triggers, in the book's order", () => {
    const other = quest({ name: "first-sign-in", target: 1 });
    given()
      .when(track("signin", "a1", t0, [SIGN_IN_THREE_TIMES, other]))
      .thenEmits([
        tracked("signin", "a1", t0),
        started(SIGN_IN_THREE_TIMES, t0),
        progressed(SIGN_IN_THREE_TIMES, 1, t0),
        started(other, t0),
        progressed(other, 1, t0),
        completed(other, 1, t0),
      ]);
  });
});

describe("TrackAction: cadence any", () => {
  const history = [started(SIGN_IN_THREE_TIMES, t0), progressed(SIGN_IN_THREE_TIMES, 1, t0)];

  test("each action adds one", () => {
    given(...history)
      .when(track("signin", "a2", t1, [SIGN_IN_THREE_TIMES]))
      .thenEmits([tracked("signin", "a2", t1), progressed(SIGN_IN_THREE_TIMES, 2, t1)]);
  });

  test("reaching the target completes the quest and progress starts over", () => {
    given(...history, progressed(SIGN_IN_THREE_TIMES, 2, t0))
      .when(track("signin", "a3", t1, [SIGN_IN_THREE_TIMES]))
      .thenEmits([
        tracked("signin", "a3", t1),
        progressed(SIGN_IN_THREE_TIMES, 3, t1),
        completed(SIGN_IN_THREE_TIMES, 1, t1),
      ]);
  });

  test("auto_claim claims at completion with an id derived from the action", () => {
    given()
      .when(track("signup", "jti-1", t0, [SIGN_UP]))
      .thenEmits([
        tracked("signup", "jti-1", t0),
        started(SIGN_UP, t0),
        progressed(SIGN_UP, 1, t0),
        completed(SIGN_UP, 1, t0),
        claimed(SIGN_UP, "jti-1:sign-up:auto", 1, t0),
      ]);
  });

  test("once max_completions is reached nothing counts any more", () => {
    given(started(SIGN_UP, t0), completed(SIGN_UP, 1, t0))
      .when(track("signup", "a2", t1, [SIGN_UP]))
      .thenEmits([tracked("signup", "a2", t1)]);
  });

  test("a target lowered under the progress completes on the next counted action", () => {
    const lowered = { ...SIGN_IN_THREE_TIMES, target: 2, version: 2 };
    given(...history, progressed(SIGN_IN_THREE_TIMES, 2, t0))
      .when(track("signin", "a3", t1, [lowered]))
      .thenEmits([
        tracked("signin", "a3", t1),
        progressed(lowered, 3, t1),
        completed(lowered, 1, t1),
      ]);
  });
});

describe("TrackAction: which quests count", () => {
  test.each(["draft", "archived"] as const)("a %s quest does not count", (status) => {
    given()
      .when(track("signin", "a1", t0, [{ ...SIGN_IN_THREE_TIMES, status }]))
      .thenEmits([tracked("signin", "a1", t0)]);
  });

  const windowed = quest({
    name: "may-sign-ins",
    target: 5,
    startsAt: at("2024-05-01T00:00:00Z"),
    endsAt: at("2024-06-01T00:00:00Z"),
  });

  test("before the window opens an action does not count", () => {
    const early = at("2024-04-30T23:59:59.999Z");
    given()
      .when(track("signin", "a1", early, [windowed]))
      .thenEmits([tracked("signin", "a1", early)]);
  });

  test("the window includes starts_at", () => {
    const opening = at("2024-05-01T00:00:00Z");
    given()
      .when(track("signin", "a1", opening, [windowed]))
      .thenEmits([
        tracked("signin", "a1", opening),
        started(windowed, opening),
        progressed(windowed, 1, opening),
      ]);
  });

  test("the window excludes ends_at", () => {
    const closing = at("2024-06-01T00:00:00Z");
    given(started(windowed, t0), progressed(windowed, 1, t0))
      .when(track("signin", "a2", closing, [windowed]))
      .thenEmits([tracked("signin", "a2", closing)]);
  });

  const optIn = quest({ name: "opt-in", target: 2, autoStart: false });

  test("auto_start false: actions before the start do not count", () => {
    given()
      .when(track("signin", "a1", t0, [optIn]))
      .thenEmits([tracked("signin", "a1", t0)]);
  });

  test("auto_start false: after the start actions count", () => {
    given(started(optIn, t0))
      .when(track("signin", "a1", t1, [optIn]))
      .thenEmits([tracked("signin", "a1", t1), progressed(optIn, 1, t1)]);
  });
});
