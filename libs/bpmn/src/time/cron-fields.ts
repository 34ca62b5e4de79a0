// The fields of a Spring / Zeebe cron expression (`second minute hour day-of-month month
// day-of-week`): numbers, names (JAN–DEC, MON–SUN), `*`, `?`, ranges, steps and lists, and the
// Quartz day forms Spring accepts: `L`, `L-3`, `LW`, `15W` in the day of month, `5L` / `FRIL`
// (last Friday) and `FRI#2` (second Friday) in the day of week. 0 and 7 both mean Sunday.
import { notParsed, parsed, type TimeParse } from './time-parse';

/** A rule a day must satisfy for one day field; a field is satisfied when one of its rules is. */
export type DayRule =
  /** Days of the month 1–31, or days of the week 0–6 (Sunday 0). */
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  /** `L` / `L-n`: the last day of the month, or n days before it. */
  | { readonly kind: 'lastDayOfMonth'; readonly daysBefore: number }
  /** `LW`: the last Monday–Friday of the month. */
  | { readonly kind: 'lastWeekdayOfMonth' }
  /** `nW`: the Monday–Friday nearest to day n, without leaving the month. */
  | { readonly kind: 'nearestWeekday'; readonly day: number }
  /** `nL`: the last such day of the week in the month. */
  | { readonly kind: 'lastDayOfWeek'; readonly dayOfWeek: number }
  /** `n#k`: the k-th such day of the week in the month. */
  | { readonly kind: 'nthDayOfWeek'; readonly dayOfWeek: number; readonly nth: number };

export interface FieldRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Index of the first name: 1 for months (JAN = 1), 1 for days of the week (MON = 1, SUN = 7). */
  readonly firstNameValue?: number;
}

export const SECOND: FieldRange = { name: 'second', min: 0, max: 59 };
export const MINUTE: FieldRange = { name: 'minute', min: 0, max: 59 };
export const HOUR: FieldRange = { name: 'hour', min: 0, max: 23 };
export const DAY_OF_MONTH: FieldRange = { name: 'day of month', min: 1, max: 31 };
export const MONTH: FieldRange = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  firstNameValue: 1,
};
export const DAY_OF_WEEK: FieldRange = {
  name: 'day of week',
  min: 0,
  max: 7,
  names: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
  firstNameValue: 1,
};

function value(text: string, field: FieldRange): number | undefined {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (field.firstNameValue ?? 0);
  if (!/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number >= field.min && number <= field.max ? number : undefined;
}

/** One list item: `*`, `?`, `n`, `a-b`, each optionally `/step`. Ranges of days of the week may wrap (FRI-MON). */
function itemValues(item: string, field: FieldRange): TimeParse<number[]> {
  const [range = '', stepText, extra] = item.split('/');
  const bad = notParsed(`'${item}' is not a valid ${field.name} (${field.min}–${field.max})`);
  if (extra !== undefined) return bad;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) return bad;
  let from: number | undefined;
  let to: number | undefined;
  if (range === '*' || range === '?') {
    from = field.min;
    to = field.max;
  } else if (range.includes('-')) {
    const [start = '', end = '', more] = range.split('-');
    if (more !== undefined) return bad;
    from = value(start, field);
    to = value(end, field);
  } else {
    from = value(range, field);
    // `a/n` runs from a to the end of the field.
    to = stepText === undefined ? from : field.max;
  }
  if (from === undefined || to === undefined) return bad;
  const values: number[] = [];
  if (from <= to) {
    for (let current = from; current <= to; current += step) values.push(current);
  } else if (field === DAY_OF_WEEK) {
    for (let current = from; current <= to + 7; current += step) values.push(current % 7);
  } else {
    return notParsed(`'${item}': the ${field.name} range runs backwards`);
  }
  return parsed(values);
}

/** A plain field (seconds, minutes, hours, months): the allowed values, ascending. */
export function parseValues(text: string, field: FieldRange): TimeParse<number[]> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '?' && field !== DAY_OF_MONTH && field !== DAY_OF_WEEK)
      return notParsed(`'?' is only allowed in the day-of-month and day-of-week fields`);
    const result = itemValues(item, field);
    if (!result.ok) return result;
    for (const entry of result.value) values.add(entry);
  }
  return parsed([...values].sort((a, b) => a - b));
}

function dayOfMonthItem(item: string): TimeParse<DayRule> {
  const upper = item.toUpperCase();
  if (upper === 'L') return parsed({ kind: 'lastDayOfMonth', daysBefore: 0 });
  if (upper === 'LW') return parsed({ kind: 'lastWeekdayOfMonth' });
  const before = /^L-(\d+)$/.exec(upper);
  if (before) {
    const daysBefore = Number(before[1]);
    if (daysBefore > 30) return notParsed(`'${item}': at most L-30`);
    return parsed({ kind: 'lastDayOfMonth', daysBefore });
  }
  const nearest = /^(\d+)W$/.exec(upper);
  if (nearest) {
    const day = Number(nearest[1]);
    if (day < 1 || day > 31) return notParsed(`'${item}' is not a valid day of month (1–31)`);
    return parsed({ kind: 'nearestWeekday', day });
  }
  const values = itemValues(item, DAY_OF_MONTH);
  return values.ok ? parsed({ kind: 'days', days: new Set(values.value) }) : values;
}

function dayOfWeekItem(item: string): TimeParse<DayRule> {
  const upper = item.toUpperCase();
  const last = /^(\w+?)L$/.exec(upper);
  if (last && value(last[1] ?? '', DAY_OF_WEEK) !== undefined)
    return parsed({ kind: 'lastDayOfWeek', dayOfWeek: (value(last[1] ?? '', DAY_OF_WEEK) ?? 0) % 7 });
  const nth = /^(\w+)#(\d)$/.exec(upper);
  if (nth) {
    const dayOfWeek = value(nth[1] ?? '', DAY_OF_WEEK);
    const index = Number(nth[2]);
    if (dayOfWeek === undefined || index < 1 || index > 5)
      return notParsed(`'${item}' is not a valid day of week (DAY#1 to DAY#5)`);
    return parsed({ kind: 'nthDayOfWeek', dayOfWeek: dayOfWeek % 7, nth: index });
  }
  const values = itemValues(item, DAY_OF_WEEK);
  return values.ok ? parsed({ kind: 'days', days: new Set(values.value.map((day) => day % 7)) }) : values;
}

/** The day-of-month or day-of-week field: its rules, any of which a matching day satisfies. */
export function parseDayRules(text: string, field: FieldRange): TimeParse<DayRule[]> {
  const rules: DayRule[] = [];
  for (const item of text.split(',')) {
    const rule = field === DAY_OF_MONTH ? dayOfMonthItem(item) : dayOfWeekItem(item);
    if (!rule.ok) return rule;
    rules.push(rule.value);
  }
  return parsed(rules);
}
