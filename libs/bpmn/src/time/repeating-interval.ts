// ISO 8601 repeating intervals for timeCycle, with Zeebe's meaning: `R5/PT10S` fires five times,
// ten seconds apart, the first ten seconds after the timer is armed; `R/PT1H` fires every hour for
// ever; `R3/2026-01-01T09:00:00Z/P1D` fires at the start date (at once when that has passed) and
// then a day apart. A repetition that falls due at or before the moment the previous one fired
// (the engine was down for several intervals) is moved to one interval after that moment, so a
// backlog of missed repetitions never fires in a burst.
import { addIsoDuration, parseIsoDuration, type IsoDuration } from './iso-duration';
import { parseIsoDateTime } from './iso-date-time';
import { notParsed, parsed, type TimeParse } from './time-parse';

export interface RepeatingInterval {
  /** How many times the timer fires in all; `undefined` for `R/…` (no end). */
  readonly repetitions?: number;
  /** Epoch ms of the first firing, when the cycle names one. */
  readonly start?: number;
  readonly interval: IsoDuration;
}

const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?([^/]+)$/i;

/** Whether a timeCycle text is a repeating interval (else it is read as a cron expression). */
export function looksLikeRepeatingInterval(text: string): boolean {
  return /^R\d*\//i.test(text.trim());
}

export function parseRepeatingInterval(text: string): TimeParse<RepeatingInterval> {
  const match = CYCLE.exec(text.trim());
  if (!match)
    return notParsed(
      `'${text}' is not an ISO 8601 repeating interval (e.g. R5/PT10S, R/PT1H, R3/2026-01-01T09:00:00Z/P1D)`,
    );
  const [, count, startText, intervalText] = match;
  const interval = parseIsoDuration(intervalText ?? '');
  if (!interval.ok) return notParsed(`the interval of '${text}': ${interval.message}`);
  const { years, months, days, clockMs } = interval.value;
  if (years === 0 && months === 0 && days === 0 && clockMs === 0)
    return notParsed(`the interval of '${text}' is zero: the timer would fire without pause`);
  const repetitions = count === '' || count === undefined ? undefined : Number(count);
  if (repetitions !== undefined && (repetitions < 1 || !Number.isSafeInteger(repetitions)))
    return notParsed(`'${text}' must repeat at least once (R1 or more, or R for no end)`);
  if (startText === undefined)
    return parsed({ ...(repetitions === undefined ? {} : { repetitions }), interval: interval.value });
  const start = parseIsoDateTime(startText);
  if (!start.ok) return notParsed(`the start of '${text}': ${start.message}`);
  return parsed({
    ...(repetitions === undefined ? {} : { repetitions }),
    start: start.value,
    interval: interval.value,
  });
}

/** When the first repetition falls due for a timer armed at `now`. */
export function firstIntervalDue(cycle: RepeatingInterval, now: number): TimeParse<number> {
  if (cycle.start !== undefined) return parsed(Math.max(cycle.start, now));
  return addIsoDuration(now, cycle.interval);
}

/** When the repetition after the one due at `lastDue` (fired at `now`) falls due. */
export function nextIntervalDue(cycle: RepeatingInterval, lastDue: number, now: number): TimeParse<number> {
  const natural = addIsoDuration(lastDue, cycle.interval);
  if (!natural.ok || natural.value > now) return natural;
  return addIsoDuration(now, cycle.interval);
}
