import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { refusalOf } from "../testing/decider";
import { calendarDay, daysBetween, endOfDay } from "./calendar";

const HOUR = 3_600_000;
const dayLength = (zone: string, noon: string): number => {
  const end = endOfDay(new Date(noon), zone);
  const start = endOfDay(new Date(new Date(noon).getTime() - 24 * HOUR), zone);
  return (end.getTime() - start.getTime()) / HOUR;
};

describe("calendarDay", () => {
  test("is the date on the zone's wall clock", () => {
    const instant = new Date("2024-03-10T03:30:00Z");
    expect(calendarDay(instant, "UTC")).toBe("2024-03-10");
    expect(calendarDay(instant, "America/New_York")).toBe("2024-03-09");
    expect(calendarDay(instant, "Asia/Tokyo")).toBe("2024-03-10");
    expect(calendarDay(new Date("2024-03-10T15:30:00Z"), "Asia/Tokyo")).toBe("2024-03-11");
  });

  test("keeps four-digit years for early dates", () => {
    expect(calendarDay(new Date("0099-01-01T12:00:00Z"), "UTC")).toBe("0099-01-01");
  });

  test("refuses an unknown zone as a definition it cannot apply", () => {
    expect(refusalOf(() => calendarDay(new Date(), "Mars/Olympus"))).toBe("invalid_timezone");
  });
});

describe("daysBetween", () => {
  test("counts calendar days across months, leap days and years", () => {
    expect(daysBetween("2024-05-01", "2024-05-01")).toBe(0);
    expect(daysBetween("2024-05-01", "2024-05-02")).toBe(1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2024-12-31", "2025-01-01")).toBe(1);
    expect(daysBetween("2024-05-03", "2024-05-01")).toBe(-2);
  });
});

describe("endOfDay", () => {
  test("is the next midnight in UTC", () => {
    expect(endOfDay(new Date("2024-05-01T13:45:10.123Z"), "UTC").toISOString()).toBe(
      "2024-05-02T00:00:00.000Z",
    );
  });

  test("the last millisecond of a day still belongs to it", () => {
    expect(endOfDay(new Date("2024-05-01T23:59:59.999Z"), "UTC").toISOString()).toBe(
      "2024-05-02T00:00:00.000Z",
    );
    expect(endOfDay(new Date("2024-05-02T00:00:00.000Z"), "UTC").toISOString()).toBe(
      "2024-05-03T00:00:00.000Z",
    );
  });

  test("America/New_York: the spring-forward day lasts 23 hours, the fall-back day 25", () => {
    expect(endOfDay(new Date("2024-03-10T16:00:00Z"), "America/New_York").toISOString()).toBe(
      "2024-03-11T04:00:00.000Z",
    );
    expect(dayLength("America/New_York", "2024-03-10T16:00:00Z")).toBe(23);
    expect(endOfDay(new Date("2024-11-03T16:00:00Z"), "America/New_York").toISOString()).toBe(
      "2024-11-04T05:00:00.000Z",
    );
    expect(dayLength("America/New_York", "2024-11-03T16:00:00Z")).toBe(25);
  });

  test("Europe/London: 23 hours on 31 March 2024, 25 hours on 27 October 2024", () => {
    expect(endOfDay(new Date("2024-03-31T12:00:00Z"), "Europe/London").toISOString()).toBe(
      "2024-03-31T23:00:00.000Z",
    );
    expect(dayLength("Europe/London", "2024-03-31T12:00:00Z")).toBe(23);
    expect(endOfDay(new Date("2024-10-27T12:00:00Z"), "Europe/London").toISOString()).toBe(
      "2024-10-28T00:00:00.000Z",
    );
    expect(dayLength("Europe/London", "2024-10-27T12:00:00Z")).toBe(25);
  });

  test("Australia/Lord_Howe: a 30-minute shift makes a 23.5-hour day", () => {
    expect(endOfDay(new Date("2024-10-06T01:00:00Z"), "Australia/Lord_Howe").toISOString()).toBe(
      "2024-10-06T13:00:00.000Z",
    );
    expect(dayLength("Australia/Lord_Howe", "2024-10-06T01:00:00Z")).toBe(23.5);
  });

  test("America/Santiago: a day whose midnight is skipped starts at 01:00", () => {
    expect(endOfDay(new Date("2024-09-07T16:00:00Z"), "America/Santiago").toISOString()).toBe(
      "2024-09-08T04:00:00.000Z",
    );
    expect(calendarDay(new Date("2024-09-08T04:00:00Z"), "America/Santiago")).toBe("2024-09-08");
  });

  test("Pacific/Apia skipped 30 December 2011: the 29th ends where the 31st starts", () => {
    const end = endOfDay(new Date("2011-12-29T12:00:00-10:00"), "Pacific/Apia");
    expect(end.toISOString()).toBe("2011-12-30T10:00:00.000Z");
    expect(calendarDay(end, "Pacific/Apia")).toBe("2011-12-31");
  });

  test("for any instant and zone: the day ends after it, the next millisecond is the next day", () => {
    const zones = [
      "UTC",
      "America/New_York",
      "Europe/London",
      "Australia/Lord_Howe",
      "America/Santiago",
      "Asia/Kolkata",
      "Pacific/Apia",
      "Asia/Kathmandu",
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const end = endOfDay(instant, zone);
          const today = calendarDay(instant, zone);
          expect(end.getTime()).toBeGreaterThan(instant.getTime());
          expect(calendarDay(new Date(end.getTime() - 1), zone)).toBe(today);
          expect(calendarDay(end, zone) > today).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
