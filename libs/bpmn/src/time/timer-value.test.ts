import { firstDueDate, nextDueDate, parseTimerValue, timerRepetitions, type TimerKind } from './timer-value';

const NOW = Date.parse('2026-01-01T09:00:00Z');
const iso = (millis: number) => new Date(millis).toISOString();

function timer(kind: TimerKind, text: string) {
  const value = parseTimerValue(kind, text);
  if (!value.ok) throw new Error(value.message);
  return value.value;
}

function due(result: { ok: true; value: number } | { ok: false; message: string }): string {
  if (!result.ok) throw new Error(result.message);
  return iso(result.value);
}

describe('timer values by definition kind', () => {
  it('timeDuration: due one duration after arming, once', () => {
    const value = timer('duration', 'PT1M');
    expect(due(firstDueDate(value, NOW))).toBe('2026-01-01T09:01:00.000Z');
    expect(timerRepetitions(value)).toBe(1);
    expect(nextDueDate(value, NOW, NOW).ok).toBe(false);
  });

  it('timeDate: due at the date, or at once when it has passed', () => {
    expect(due(firstDueDate(timer('date', '2026-02-01T00:00:00+01:00'), NOW))).toBe(
      '2026-01-31T23:00:00.000Z',
    );
    expect(due(firstDueDate(timer('date', '2025-06-01T00:00:00Z'), NOW))).toBe('2026-01-01T09:00:00.000Z');
  });

  it('timeCycle: a repeating interval with its repetitions, or a cron expression without end', () => {
    const interval = timer('cycle', 'R5/PT10S');
    expect(interval.kind).toBe('interval');
    expect(timerRepetitions(interval)).toBe(5);
    expect(due(firstDueDate(interval, NOW))).toBe('2026-01-01T09:00:10.000Z');
    expect(due(nextDueDate(interval, NOW + 10_000, NOW + 10_050))).toBe('2026-01-01T09:00:20.000Z');

    const cron = timer('cycle', '0 0 9-17 * * MON-FRI');
    expect(cron.kind).toBe('cron');
    expect(timerRepetitions(cron)).toBeUndefined();
    // 2026-01-01 is a Thursday; armed exactly at 09:00 the next is 10:00.
    expect(due(firstDueDate(cron, NOW))).toBe('2026-01-01T10:00:00.000Z');
    expect(
      due(nextDueDate(cron, Date.parse('2026-01-01T17:00:00Z'), Date.parse('2026-01-01T17:00:00.020Z'))),
    ).toBe('2026-01-02T09:00:00.000Z');
  });

  it('reports what is wrong for the kind it was read as', () => {
    const asDuration = parseTimerValue('duration', '2026-01-01T09:00:00Z');
    expect(asDuration.ok ? '' : asDuration.message).toContain('is not an ISO 8601 duration');
    const asDate = parseTimerValue('date', 'PT10S');
    expect(asDate.ok ? '' : asDate.message).toContain('is not an ISO 8601 date-time');
    const asCycle = parseTimerValue('cycle', 'PT10S');
    expect(asCycle.ok ? '' : asCycle.message).toContain('is not a cron expression');
  });
});
