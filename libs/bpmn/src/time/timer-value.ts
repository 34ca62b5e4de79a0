// A timer event definition's value, read by its kind — timeDuration (ISO 8601 duration), timeDate
// (ISO 8601 date-time) or timeCycle (repeating interval or cron) — and when it falls due: first
// when the timer is armed, then, for cycles, after each firing.
import { parseCronExpression, nextCronTime, type CronExpression } from './cron-expression';
import { addIsoDuration, parseIsoDuration, type IsoDuration } from './iso-duration';
import { parseIsoDateTime } from './iso-date-time';
import {
  firstIntervalDue,
  looksLikeRepeatingInterval,
  nextIntervalDue,
  parseRepeatingInterval,
  type RepeatingInterval,
} from './repeating-interval';
import { notParsed, parsed, type TimeParse } from './time-parse';

/** Which child of bpmn:timerEventDefinition holds the value. */
export type TimerKind = 'duration' | 'date' | 'cycle';

export type TimerValue =
  | { readonly kind: 'duration'; readonly duration: IsoDuration }
  | { readonly kind: 'date'; readonly date: number }
  | { readonly kind: 'interval'; readonly cycle: RepeatingInterval }
  | { readonly kind: 'cron'; readonly cron: CronExpression };

export function parseTimerValue(kind: TimerKind, text: string): TimeParse<TimerValue> {
  switch (kind) {
    case 'duration': {
      const duration = parseIsoDuration(text);
      return duration.ok ? parsed({ kind, duration: duration.value }) : duration;
    }
    case 'date': {
      const date = parseIsoDateTime(text);
      return date.ok ? parsed({ kind, date: date.value }) : date;
    }
    case 'cycle': {
      if (looksLikeRepeatingInterval(text)) {
        const cycle = parseRepeatingInterval(text);
        return cycle.ok ? parsed({ kind: 'interval', cycle: cycle.value }) : cycle;
      }
      const cron = parseCronExpression(text);
      return cron.ok ? parsed({ kind: 'cron', cron: cron.value }) : cron;
    }
  }
}

/** How many times the timer fires in all; `undefined` when it repeats without end. */
export function timerRepetitions(value: TimerValue): number | undefined {
  if (value.kind === 'interval') return value.cycle.repetitions;
  return value.kind === 'cron' ? undefined : 1;
}

/** When a timer armed at `now` first falls due, epoch ms (a past date: at once). */
export function firstDueDate(value: TimerValue, now: number): TimeParse<number> {
  switch (value.kind) {
    case 'duration':
      return addIsoDuration(now, value.duration);
    case 'date':
      return parsed(Math.max(value.date, now));
    case 'interval':
      return firstIntervalDue(value.cycle, now);
    case 'cron': {
      const next = nextCronTime(value.cron, now);
      return next === undefined ? notParsed('the cron expression matches no time ahead') : parsed(next);
    }
  }
}

/**
 * When a cycle falls due again after firing at `now` for its occurrence due at `lastDue`; never at
 * or before `now`. A duration or date fires once: a failure.
 */
export function nextDueDate(value: TimerValue, lastDue: number, now: number): TimeParse<number> {
  switch (value.kind) {
    case 'interval':
      return nextIntervalDue(value.cycle, lastDue, now);
    case 'cron': {
      const next = nextCronTime(value.cron, Math.max(lastDue, now));
      return next === undefined ? notParsed('the cron expression matches no time ahead') : parsed(next);
    }
    default:
      return notParsed(`a timer ${value.kind} fires once`);
  }
}
