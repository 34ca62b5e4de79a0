// Cron expressions as Zeebe reads timeCycle values that are not repeating intervals: Spring's six
// fields `second minute hour day-of-month month day-of-week` (e.g. `0 0 9-17 * * MON-FRI`) or a
// macro (@yearly, @monthly, @weekly, @daily, @hourly), evaluated in UTC. As in Spring, a day must
// satisfy both day fields (`*` and `?` accept every day).
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  HOUR,
  MINUTE,
  MONTH,
  SECOND,
  parseDayRules,
  parseValues,
  type DayRule,
} from './cron-fields';
import { daysInMonth, utcMidnight } from './iso-duration';
import { notParsed, parsed, type TimeParse } from './time-parse';

export interface CronExpression {
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: readonly number[];
  readonly daysOfMonth: readonly DayRule[];
  readonly daysOfWeek: readonly DayRule[];
}

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/** How far ahead a next time is looked for: Feb 29 on a given weekday can be 28 years away. */
const SEARCH_DAYS = 50 * 366;
const DAY_MS = 86_400_000;

/** Reads a cron expression; refuses one that never matches a day (e.g. `0 0 0 30 2 *`). */
export function parseCronExpression(text: string): TimeParse<CronExpression> {
  const trimmed = text.trim();
  const fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 6) {
    return notParsed(
      `'${text}' is not a cron expression: expected 6 fields (second minute hour day-of-month month day-of-week), found ${fields.length}`,
    );
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const seconds = parseValues(second, SECOND);
  const minutes = parseValues(minute, MINUTE);
  const hours = parseValues(hour, HOUR);
  const months = parseValues(month, MONTH);
  const daysOfMonth = parseDayRules(dayOfMonth, DAY_OF_MONTH);
  const daysOfWeek = parseDayRules(dayOfWeek, DAY_OF_WEEK);
  for (const field of [seconds, minutes, hours, months, daysOfMonth, daysOfWeek])
    if (!field.ok) return notParsed(`cron expression '${text}': ${field.message}`);
  const expression: CronExpression = {
    seconds: seconds.ok ? seconds.value : [],
    minutes: minutes.ok ? minutes.value : [],
    hours: hours.ok ? hours.value : [],
    months: months.ok ? months.value : [],
    daysOfMonth: daysOfMonth.ok ? daysOfMonth.value : [],
    daysOfWeek: daysOfWeek.ok ? daysOfWeek.value : [],
  };
  if (nextCronTime(expression, Date.UTC(2000, 0, 1)) === undefined)
    return notParsed(`cron expression '${text}' matches no day`);
  return parsed(expression);
}

function isWeekday(year: number, monthIndex: number, day: number): boolean {
  const dayOfWeek = new Date(utcMidnight(year, monthIndex, day)).getUTCDay();
  return dayOfWeek !== 0 && dayOfWeek !== 6;
}

/** The Monday–Friday nearest to `day` in its month (Quartz `nW`). */
function nearestWeekday(year: number, monthIndex: number, day: number): number {
  const last = daysInMonth(year, monthIndex);
  const target = Math.min(day, last);
  const dayOfWeek = new Date(utcMidnight(year, monthIndex, target)).getUTCDay();
  if (dayOfWeek === 6) return target === 1 ? 3 : target - 1;
  if (dayOfWeek === 0) return target === last ? target - 2 : target + 1;
  return target;
}

interface CalendarDay {
  readonly year: number;
  readonly monthIndex: number;
  readonly day: number;
  readonly dayOfWeek: number;
}

/** Whether a day satisfies a rule of the day-of-month (`field` 'month') or day-of-week field. */
function satisfies(rule: DayRule, field: 'month' | 'week', date: CalendarDay): boolean {
  const { year, monthIndex, day, dayOfWeek } = date;
  const last = daysInMonth(year, monthIndex);
  switch (rule.kind) {
    case 'days':
      return rule.days.has(field === 'month' ? day : dayOfWeek);
    case 'lastDayOfMonth':
      return day === last - rule.daysBefore;
    case 'lastWeekdayOfMonth': {
      let candidate = last;
      while (!isWeekday(year, monthIndex, candidate)) candidate--;
      return day === candidate;
    }
    case 'nearestWeekday':
      return day === nearestWeekday(year, monthIndex, rule.day);
    case 'lastDayOfWeek':
      return dayOfWeek === rule.dayOfWeek && day + 7 > last;
    case 'nthDayOfWeek':
      return dayOfWeek === rule.dayOfWeek && Math.ceil(day / 7) === rule.nth;
  }
}

function dayMatches(expression: CronExpression, midnight: number): boolean {
  const date = new Date(midnight);
  if (!expression.months.includes(date.getUTCMonth() + 1)) return false;
  const day: CalendarDay = {
    year: date.getUTCFullYear(),
    monthIndex: date.getUTCMonth(),
    day: date.getUTCDate(),
    dayOfWeek: date.getUTCDay(),
  };
  return (
    expression.daysOfMonth.some((rule) => satisfies(rule, 'month', day)) &&
    expression.daysOfWeek.some((rule) => satisfies(rule, 'week', day))
  );
}

/** The first time of day, in seconds, at or after `from` seconds that the expression allows. */
function firstTimeOfDay(expression: CronExpression, from: number): number | undefined {
  const fromHour = Math.floor(from / 3600);
  const fromMinute = Math.floor((from % 3600) / 60);
  const fromSecond = from % 60;
  for (const hour of expression.hours) {
    if (hour < fromHour) continue;
    for (const minute of expression.minutes) {
      if (hour === fromHour && minute < fromMinute) continue;
      for (const second of expression.seconds) {
        if (hour === fromHour && minute === fromMinute && second < fromSecond) continue;
        return hour * 3600 + minute * 60 + second;
      }
    }
  }
  return undefined;
}

/** The first instant strictly after `after` (epoch ms) that the expression matches, to the second. */
export function nextCronTime(expression: CronExpression, after: number): number | undefined {
  const start = Math.floor(after / 1000) * 1000 + 1000;
  const startDate = new Date(start);
  const firstMidnight = utcMidnight(
    startDate.getUTCFullYear(),
    startDate.getUTCMonth(),
    startDate.getUTCDate(),
  );
  for (let index = 0; index < SEARCH_DAYS; index++) {
    const midnight = firstMidnight + index * DAY_MS;
    if (!dayMatches(expression, midnight)) continue;
    const from = index === 0 ? (start - firstMidnight) / 1000 : 0;
    const timeOfDay = firstTimeOfDay(expression, from);
    if (timeOfDay !== undefined) return midnight + timeOfDay * 1000;
  }
  return undefined;
}
