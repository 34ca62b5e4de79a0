// ISO 8601 date-times for timeDate and the start of a repeating interval: `2026-01-01T09:00:00Z`,
// with an offset (`+02:00`, `+0200`), a fraction of a second, and optionally a zone id — Java's
// `[Europe/Berlin]` after the offset, or FEEL's `@Europe/Berlin` instead of it. A time with neither
// offset nor zone is read as UTC (Camunda 7 models write local times; Baton runs in UTC).
import { utcMidnight } from './iso-duration';
import { inDateRange, notParsed, type TimeParse } from './time-parse';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\]|@(\S+))?$/i;

/** A zone's offset from UTC at an instant, ms (positive east of Greenwich). */
function zoneOffsetAt(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const wallClock =
    utcMidnight(part('year'), part('month') - 1, part('day')) +
    ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000;
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time in a zone stands for (the earlier one in a DST overlap). */
function wallClockInZone(wallClock: number, zone: string): number {
  let instant = wallClock - zoneOffsetAt(zone, wallClock);
  instant = wallClock - zoneOffsetAt(zone, instant);
  return instant;
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
}

/** Reads an ISO 8601 date-time; answers its instant, epoch ms. */
export function parseIsoDateTime(text: string): TimeParse<number> {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  const problem = `'${text}' is not an ISO 8601 date-time (e.g. 2026-01-01T09:00:00Z or 2026-01-01T09:00:00+01:00)`;
  if (!match) return notParsed(problem);
  const [, year, month, day, hour, minute, second, fraction, offset, bracketZone, atZone] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  const midnight = utcMidnight(y, m, d);
  const check = new Date(midnight);
  if (m > 11 || check.getUTCDate() !== d || check.getUTCMonth() !== m)
    return notParsed(`${problem}: no such day`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)
    return notParsed(`${problem}: no such time of day`);
  if (offset !== undefined && offset.length > 1 && Math.abs(offsetMs(offset)) > 18 * 3_600_000)
    return notParsed(`${problem}: offset beyond ±18:00`);
  const fractionMs = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const wallClock =
    midnight + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second ?? 0)) * 1000 + fractionMs;
  const zone = bracketZone ?? atZone;
  if (zone !== undefined && !isKnownZone(zone)) return notParsed(`${problem}: unknown time zone '${zone}'`);
  if (offset !== undefined) return inDateRange(wallClock - offsetMs(offset), text);
  if (zone !== undefined) return inDateRange(wallClockInZone(wallClock, zone), text);
  return inDateRange(wallClock, text);
}
