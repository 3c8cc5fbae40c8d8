import { describe, expect, test } from "bun:test";
import {
  at,
  DAILY_LOGIN_STREAK,
  playerOf,
  refusalOf,
  SIGN_IN_THREE_TIMES,
  SIGN_UP,
} from "../testing/decider";

const minute = (n: number) => new Date(Date.UTC(2024, 4, 1, 9, n));
const day = (n: number, hour = 9) => new Date(Date.UTC(2024, 4, n, hour));
const rewardsOf = (events: ReturnType<ReturnType<typeof playerOf>["claim"]>) =>
  events.flatMap((event) => (event.type === "RewardClaimed" ? event.data.rewards : []));

describe("SPEC §5: sign-in-three-times (target 3, any, max 2, manual, 10 diamonds)", () => {
  test("plays out exactly as the spec tells it", () => {
    const player = playerOf([SIGN_IN_THREE_TIMES]);
    const name = SIGN_IN_THREE_TIMES.name;
    for (const n of [1, 2]) player.act("signin", minute(n));
    expect(player.view(name, minute(2))).toMatchObject({ progress: 2, status: "in_progress" });
    player.act("signin", minute(3));
    expect(player.view(name, minute(3))).toMatchObject({
      progress: 0,
      completions: 1,
      claims: 0,
      claimable: true,
      status: "claimable",
    });

    expect(rewardsOf(player.claim(name, minute(4)))).toEqual([{ item: "diamond", qty: 10 }]);
    expect(refusalOf(() => player.claim(name, minute(5)))).toBe("already_claimed");

    for (const n of [6, 7, 8]) player.act("signin", minute(n));
    expect(player.view(name, minute(8)).status).toBe("claimable");
    expect(rewardsOf(player.claim(name, minute(9)))).toEqual([{ item: "diamond", qty: 10 }]);
    expect(player.view(name, minute(9))).toMatchObject({
      completions: 2,
      claims: 2,
      status: "completed",
    });

    for (const n of [10, 11, 12, 13]) {
      expect(player.act("signin", minute(n)).map((event) => event.type)).toEqual(["ActionTracked"]);
    }
    expect(refusalOf(() => player.claim(name, minute(14)))).toBe("max_claimed");
    expect(player.view(name, minute(14))).toMatchObject({ progress: 0, status: "completed" });
  });
});

describe("SPEC §5: sign-up (auto-claim 100 gold, max 1)", () => {
  test("the sign-up is rewarded at once, and only once", () => {
    const player = playerOf([SIGN_UP]);
    const events = player.act("signup", minute(1));
    expect(rewardsOf(events)).toEqual([{ item: "gold", qty: 100 }]);
    expect(player.view(SIGN_UP.name, minute(1))).toMatchObject({
      completions: 1,
      claims: 1,
      status: "completed",
    });
    expect(rewardsOf(player.act("signup", minute(2)))).toEqual([]);
    expect(refusalOf(() => player.claim(SIGN_UP.name, minute(3)))).toBe("max_claimed");
  });
});

describe("daily-login-streak (daily, consecutive, UTC, target 7)", () => {
  const name = DAILY_LOGIN_STREAK.name;

  test("the same day twice counts once", () => {
    const player = playerOf([DAILY_LOGIN_STREAK]);
    player.act("signin", day(1, 1));
    player.act("signin", day(1, 23));
    expect(player.view(name, day(1, 23)).progress).toBe(1);
  });

  test("a gap day resets the streak with StreakBroken", () => {
    const player = playerOf([DAILY_LOGIN_STREAK]);
    for (const n of [1, 2, 3]) player.act("signin", day(n));
    expect(player.view(name, day(5)).progress).toBe(0);
    const types = player.act("signin", day(5)).map((event) => event.type);
    expect(types).toEqual(["ActionTracked", "StreakBroken", "QuestProgressed"]);
    expect(player.view(name, day(5)).progress).toBe(1);
  });

  test("seven consecutive days complete it; the reset time is the end of the UTC day", () => {
    const player = playerOf([DAILY_LOGIN_STREAK]);
    for (const n of [1, 2, 3, 4, 5, 6]) player.act("signin", day(n, 23));
    expect(player.view(name, day(6, 23))).toMatchObject({
      progress: 6,
      next_reset_at: "2024-05-07T00:00:00.000Z",
    });
    player.act("signin", day(7, 0));
    expect(player.view(name, day(7))).toMatchObject({
      progress: 0,
      completions: 1,
      status: "claimable",
    });
    expect(at(player.view(name, day(7)).next_reset_at ?? "").toISOString()).toBe(
      "2024-05-08T00:00:00.000Z",
    );
  });
});
