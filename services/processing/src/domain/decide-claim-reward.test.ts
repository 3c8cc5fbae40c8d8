import { describe, test } from "bun:test";
import {
  at,
  claim,
  claimed,
  completed,
  given,
  quest,
  SIGN_IN_THREE_TIMES,
  SIGN_UP,
  start,
  started,
} from "../testing/decider";

const t0 = at("2024-05-01T10:00:00Z");
const t1 = at("2024-05-01T11:00:00Z");
const rules = SIGN_IN_THREE_TIMES;

describe("ClaimReward", () => {
  test("an unclaimed completion is claimed with the command's claim id", () => {
    given(started(rules, t0), completed(rules, 1, t0))
      .when(claim(rules.name, "key-1", t1, [rules]))
      .thenEmits([claimed(rules, "key-1", 1, t1)]);
  });

  test("an unknown quest is not found", () => {
    given()
      .when(claim("no-such-quest", "key-1", t1, [rules]))
      .thenRefuses("quest_not_found");
  });

  test("a quest that is not published is not found, even with a completion waiting", () => {
    given(started(rules, t0), completed(rules, 1, t0))
      .when(claim(rules.name, "key-1", t1, [{ ...rules, status: "archived" }]))
      .thenRefuses("quest_not_found");
  });

  test("nothing completed yet: not_completed", () => {
    given()
      .when(claim(rules.name, "key-1", t1, [rules]))
      .thenRefuses("not_completed");
  });

  test("every completion claimed, more possible: already_claimed", () => {
    given(started(rules, t0), completed(rules, 1, t0), claimed(rules, "key-1", 1, t0))
      .when(claim(rules.name, "key-2", t1, [rules]))
      .thenRefuses("already_claimed");
  });

  test("claims at max_completions: max_claimed", () => {
    given(
      completed(rules, 1, t0),
      claimed(rules, "key-1", 1, t0),
      completed(rules, 2, t0),
      claimed(rules, "key-2", 2, t0),
    )
      .when(claim(rules.name, "key-3", t1, [rules]))
      .thenRefuses("max_claimed");
  });

  test("an auto-claimed quest has nothing left to claim", () => {
    given(completed(SIGN_UP, 1, t0), claimed(SIGN_UP, "jti:sign-up:auto", 1, t0))
      .when(claim(SIGN_UP.name, "key-1", t1, [SIGN_UP]))
      .thenRefuses("max_claimed");
  });

  test("completions earned before max_completions was lowered stay claimable", () => {
    const lowered = { ...rules, maxCompletions: 1, version: 2 };
    given(completed(rules, 1, t0), claimed(rules, "key-1", 1, t0), completed(rules, 2, t0))
      .when(claim(rules.name, "key-2", t1, [lowered]))
      .thenEmits([claimed(lowered, "key-2", 2, t1)]);
  });
});

describe("StartQuest", () => {
  const optIn = quest({ name: "opt-in", autoStart: false });

  test("starting records QuestStarted", () => {
    given()
      .when(start(optIn.name, t0, [optIn]))
      .thenEmits([started(optIn, t0)]);
  });

  test("starting twice yields no events", () => {
    given(started(optIn, t0))
      .when(start(optIn.name, t1, [optIn]))
      .thenEmits([]);
  });

  test("an unknown or unpublished quest is not found", () => {
    given()
      .when(start("nope", t0, [optIn]))
      .thenRefuses("quest_not_found");
    given()
      .when(start(optIn.name, t0, [{ ...optIn, status: "draft" }]))
      .thenRefuses("quest_not_found");
  });
});
