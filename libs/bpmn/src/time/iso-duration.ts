// ISO 8601 durations (`PT10S`, `PT0.5S`, `P1DT2H`, `P1Y2M`, `P2W`) as Zeebe reads them: a
// calendar part (years, months, weeks, days) and a clock part (hours, minutes, seconds with an
// optional fraction). Added to an instant in UTC: months and years by the calendar, with the day
// clamped to the month's last (Jan 31 + P1M = Feb 28, as java.time does), days as 24 hours.
import { inDateRange, notParsed, parsed, type TimeParse } from './time-parse';

export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  /** Weeks and days together, as days. */
  readonly days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  readonly clockMs: number;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,9}))?S)?)?$/i;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function count(group: string | undefined): number {
  return group === undefined ? 0 : Number(group);
}

/** Reads an ISO 8601 duration; negative durations are refused (a timer cannot wait less than nothing). */
export function parseIsoDuration(text: string): TimeParse<IsoDuration> {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  // A bare `P` or `PT`, or a `T` with no clock part, is no duration.
  if (!match || /^P(T)?$/i.test(trimmed) || /T$/i.test(trimmed)) {
    return notParsed(
      `'${text}' is not an ISO 8601 duration (e.g. PT10S, PT0.5S, P1DT2H, P1M): expected P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]`,
    );
  }
  const [, years, months, weeks, days, hours, minutes, seconds, fraction] = match;
  const fractionMs = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const duration: IsoDuration = {
    years: count(years),
    months: count(months),
    days: count(weeks) * 7 + count(days),
    clockMs: count(hours) * HOUR_MS + count(minutes) * 60_000 + count(seconds) * 1000 + fractionMs,
  };
  if (!Object.values(duration).every(Number.isSafeInteger))
    return notParsed(`'${text}' is too long a duration`);
  return parsed(duration);
}

/** Midnight UTC of a day, epoch ms; unlike Date.UTC, years 0–99 stay what they are. */
export function utcMidnight(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

/** Days in a month of a year (monthIndex 0–11). */
export function daysInMonth(year: number, monthIndex: number): number {
  return new Date(utcMidnight(year, monthIndex + 1, 0)).getUTCDate();
}

/** `from + duration`, epoch ms; a failure when the result is beyond what a Date holds. */
export function addIsoDuration(
  from: number,
  duration: IsoDuration,
  text = 'the duration',
): TimeParse<number> {
  let millis = from;
  const calendarMonths = duration.years * 12 + duration.months;
  if (calendarMonths !== 0) {
    const date = new Date(from);
    const monthIndex = date.getUTCMonth() + calendarMonths;
    const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
    const month = ((monthIndex % 12) + 12) % 12;
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    const timeOfDay = from - utcMidnight(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    millis = utcMidnight(year, month, day) + timeOfDay;
  }
  return inDateRange(millis + duration.days * DAY_MS + duration.clockMs, text);
}
