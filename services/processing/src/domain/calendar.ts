import { QuestRefused } from "./refusals";

/**
 * Calendar days in IANA time zones, on the builtin Intl data. A calendar day is written
 * `YYYY-MM-DD`; such strings sort in date order, so they compare with `<` and `===`.
 */
export type CalendarDay = string;

const MS_PER_DAY = 86_400_000;
/** Longer than any real day (25 h) plus the latest a day can start after its midnight. */
const SEARCH_SPAN_MS = 2 * MS_PER_DAY;

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building a DateTimeFormat costs far more than using one, and a service sees few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(zone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
  } catch (cause) {
    throw new QuestRefused(
      {
        type: "InvalidDefinition",
        code: "invalid_timezone",
        message: `Unknown time zone "${zone}"`,
      },
      { cause },
    );
  }
  formatters.set(zone, formatter);
  return formatter;
};

const wallTimeOf = (instant: Date, zone: string): WallTime => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
};

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
const utcMillis = (wall: WallTime): number => {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
};

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** The calendar day (`YYYY-MM-DD`) that `instant` falls on in `zone`. */
export const calendarDay = (instant: Date, zone: string): CalendarDay => {
  const wall = wallTimeOf(instant, zone);
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
};

const dayNumber = (day: CalendarDay): number => {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  return utcMillis({ year, month, day: date, hour: 0, minute: 0, second: 0 }) / MS_PER_DAY;
};

/** Whole calendar days from `from` to `to`: 1 for consecutive days, negative when `to` is earlier. */
export const daysBetween = (from: CalendarDay, to: CalendarDay): number =>
  Math.round(dayNumber(to) - dayNumber(from));

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
const offsetAt = (instant: number, zone: string): number => {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return utcMillis(wallTimeOf(new Date(whole), zone)) - whole;
};

const isDayStart = (candidate: number, today: CalendarDay, zone: string): boolean =>
  calendarDay(new Date(candidate - 1), zone) === today &&
  calendarDay(new Date(candidate), zone) !== today;

// For the rare zones whose clocks skip midnight itself (a day that starts at 01:00).
const searchDayStart = (after: number, today: CalendarDay, zone: string): number => {
  let low = after;
  let high = after + SEARCH_SPAN_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (calendarDay(new Date(middle), zone) === today) low = middle;
    else high = middle;
  }
  return high;
};

/** The instant the calendar day of `instant` ends in `zone`: the next local midnight. */
export const endOfDay = (instant: Date, zone: string): Date => {
  const wall = wallTimeOf(instant, zone);
  const today = calendarDay(instant, zone);
  const nextMidnight = utcMillis({ ...wall, day: wall.day + 1, hour: 0, minute: 0, second: 0 });
  // The offset at midnight may differ from the offset now (DST); a second pass settles it.
  const firstGuess = nextMidnight - offsetAt(instant.getTime(), zone);
  const candidate = nextMidnight - offsetAt(firstGuess, zone);
  if (isDayStart(candidate, today, zone)) return new Date(candidate);
  return new Date(searchDayStart(instant.getTime(), today, zone));
};
