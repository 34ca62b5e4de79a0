import { firstIntervalDue, nextIntervalDue, parseRepeatingInterval } from './repeating-interval';

const at = (iso: string) => Date.parse(iso);
const iso = (millis: number) => new Date(millis).toISOString();

function cycle(text: string) {
  const result = parseRepeatingInterval(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('ISO 8601 repeating intervals', () => {
  it('reads the repetitions, the optional start and the interval', () => {
    expect(cycle('R5/PT10S')).toEqual({
      repetitions: 5,
      interval: { years: 0, months: 0, days: 0, clockMs: 10_000 },
    });
    expect(cycle('R/PT1H').repetitions).toBeUndefined();
    expect(cycle('R3/2026-01-01T09:00:00Z/P1D')).toEqual({
      repetitions: 3,
      start: at('2026-01-01T09:00:00Z'),
      interval: { years: 0, months: 0, days: 1, clockMs: 0 },
    });
  });

  it('without a start falls due one interval after arming, then an interval after each due date', () => {
    const every10s = cycle('R5/PT10S');
    const armed = at('2026-03-01T12:00:00Z');
    const first = value(firstIntervalDue(every10s, armed));
    expect(iso(first)).toBe('2026-03-01T12:00:10.000Z');
    // Fired 300 ms late: the next one keeps the rhythm of the due dates, not of the firings.
    expect(iso(value(nextIntervalDue(every10s, first, first + 300)))).toBe('2026-03-01T12:00:20.000Z');
  });

  it('with a start falls due at the start, or at once when the start has passed', () => {
    const daily = cycle('R3/2026-01-01T09:00:00Z/P1D');
    expect(iso(value(firstIntervalDue(daily, at('2025-12-31T00:00:00Z'))))).toBe('2026-01-01T09:00:00.000Z');
    expect(iso(value(firstIntervalDue(daily, at('2026-01-05T10:00:00Z'))))).toBe('2026-01-05T10:00:00.000Z');
    expect(iso(value(nextIntervalDue(daily, at('2026-01-01T09:00:00Z'), at('2026-01-01T09:00:01Z'))))).toBe(
      '2026-01-02T09:00:00.000Z',
    );
  });

  it('after missed repetitions falls due one interval after the late firing, never in a burst', () => {
    const hourly = cycle('R/PT1H');
    const lastDue = at('2026-01-01T00:00:00Z');
    const firedLate = at('2026-01-01T05:30:00Z');
    expect(iso(value(nextIntervalDue(hourly, lastDue, firedLate)))).toBe('2026-01-01T06:30:00.000Z');
  });

  it.each([
    'PT10S',
    'R5',
    'R5/',
    'R0/PT10S',
    'R5/PT0S',
    'R5/10S',
    'R5/2026-01-01/PT1H',
    'Rx/PT1H',
    'R5/PT1H/PT1H/PT1H',
  ])("refuses '%s'", (text) => {
    expect(parseRepeatingInterval(text).ok).toBe(false);
  });
});
