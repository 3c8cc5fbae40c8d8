import { describe, test } from "bun:test";
import {
  at,
  DAILY_LOGIN_STREAK,
  given,
  progressed,
  quest,
  started,
  streakBroken,
  track,
  tracked,
} from "../testing/decider";

const streak = DAILY_LOGIN_STREAK;
const may1 = at("2024-05-01T08:00:00Z");
const history = [started(streak, may1), progressed(streak, 1, may1, "2024-05-01")];

describe("TrackAction: cadence daily", () => {
  test("a second action on the same day does not count", () => {
    const evening = at("2024-05-01T23:59:59Z");
    given(...history)
      .when(track("signin", "a2", evening, [streak]))
      .thenEmits([tracked("signin", "a2", evening)]);
  });

  test("the next day counts and becomes the last counted day", () => {
    const may2 = at("2024-05-02T00:00:00Z");
    given(...history)
      .when(track("signin", "a2", may2, [streak]))
      .thenEmits([tracked("signin", "a2", may2), progressed(streak, 2, may2, "2024-05-02")]);
  });

  test("a day before the last counted day does not count", () => {
    const april = at("2024-04-30T12:00:00Z");
    given(...history)
      .when(track("signin", "a2", april, [streak]))
      .thenEmits([tracked("signin", "a2", april)]);
  });

  test("consecutive: a whole missed day breaks the streak before counting", () => {
    const may3 = at("2024-05-03T09:00:00Z");
    given(...history, progressed(streak, 2, may1, "2024-05-02"))
      .when(track("signin", "a3", may3, [streak]))
      .thenEmits([tracked("signin", "a3", may3), progressed(streak, 3, may3, "2024-05-03")]);
    const may4 = at("2024-05-04T09:00:00Z");
    given(...history)
      .when(track("signin", "a3", may4, [streak]))
      .thenEmits([
        tracked("signin", "a3", may4),
        streakBroken(streak, 1, "2024-05-01", may4),
        progressed(streak, 1, may4, "2024-05-04"),
      ]);
  });

  test("not consecutive: missed days keep the progress", () => {
    const relaxed = { ...streak, name: "seven-login-days", consecutive: false };
    const may9 = at("2024-05-09T09:00:00Z");
    given(started(relaxed, may1), progressed(relaxed, 4, may1, "2024-05-01"))
      .when(track("signin", "a5", may9, [relaxed]))
      .thenEmits([tracked("signin", "a5", may9), progressed(relaxed, 5, may9, "2024-05-09")]);
  });
});

describe("TrackAction: calendar days in the quest's zone", () => {
  const newYork = quest({
    name: "new-york-days",
    target: 10,
    cadence: "daily",
    consecutive: true,
    timezone: "America/New_York",
  });

  test("one UTC day can hold two New York days", () => {
    const lateOn9th = at("2024-03-10T03:30:00Z");
    const earlyOn10th = at("2024-03-10T05:30:00Z");
    given(started(newYork, lateOn9th), progressed(newYork, 1, lateOn9th, "2024-03-09"))
      .when(track("signin", "a2", earlyOn10th, [newYork]))
      .thenEmits([
        tracked("signin", "a2", earlyOn10th),
        progressed(newYork, 2, earlyOn10th, "2024-03-10"),
      ]);
  });

  test("the 23-hour spring-forward day ends at 04:00 UTC", () => {
    const dayStart = at("2024-03-10T05:00:00Z");
    const history = [started(newYork, dayStart), progressed(newYork, 1, dayStart, "2024-03-10")];
    const lastMinute = at("2024-03-11T03:59:00Z");
    given(...history)
      .when(track("signin", "a2", lastMinute, [newYork]))
      .thenEmits([tracked("signin", "a2", lastMinute)]);
    const nextDay = at("2024-03-11T04:00:00Z");
    given(...history)
      .when(track("signin", "a2", nextDay, [newYork]))
      .thenEmits([tracked("signin", "a2", nextDay), progressed(newYork, 2, nextDay, "2024-03-11")]);
  });

  test("the 25-hour fall-back day is one day: its 25th hour does not break the streak", () => {
    const dayStart = at("2024-11-03T04:00:00Z");
    const history = [started(newYork, dayStart), progressed(newYork, 1, dayStart, "2024-11-03")];
    const lastHour = at("2024-11-04T04:30:00Z");
    given(...history)
      .when(track("signin", "a2", lastHour, [newYork]))
      .thenEmits([tracked("signin", "a2", lastHour)]);
    const nextDayLate = at("2024-11-05T04:59:00Z");
    given(...history)
      .when(track("signin", "a2", nextDayLate, [newYork]))
      .thenEmits([
        tracked("signin", "a2", nextDayLate),
        progressed(newYork, 2, nextDayLate, "2024-11-04"),
      ]);
  });
});
