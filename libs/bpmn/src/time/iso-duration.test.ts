import { addIsoDuration, parseIsoDuration } from './iso-duration';

const at = (iso: string) => Date.parse(iso);

function added(text: string, from: string): string {
  const duration = parseIsoDuration(text);
  if (!duration.ok) throw new Error(duration.message);
  const result = addIsoDuration(at(from), duration.value);
  if (!result.ok) throw new Error(result.message);
  return new Date(result.value).toISOString();
}

describe('ISO 8601 durations', () => {
  it.each([
    ['PT10S', '2026-01-01T09:00:10.000Z'],
    ['PT0.5S', '2026-01-01T09:00:00.500Z'],
    ['PT1,25S', '2026-01-01T09:00:01.250Z'],
    ['PT0S', '2026-01-01T09:00:00.000Z'],
    ['PT90M', '2026-01-01T10:30:00.000Z'],
    ['PT36H', '2026-01-02T21:00:00.000Z'],
    ['P1DT2H', '2026-01-02T11:00:00.000Z'],
    ['P2W', '2026-01-15T09:00:00.000Z'],
    ['P1Y2M3DT4H5M6S', '2027-03-04T13:05:06.000Z'],
    ['pt1m', '2026-01-01T09:01:00.000Z'],
  ])('%s from 2026-01-01T09:00:00Z is %s', (text, expected) => {
    expect(added(text, '2026-01-01T09:00:00Z')).toBe(expected);
  });

  it('adds months by the calendar, clamping the day to the end of a shorter month', () => {
    expect(added('P1M', '2026-01-31T08:00:00Z')).toBe('2026-02-28T08:00:00.000Z');
    expect(added('P1M', '2028-01-31T08:00:00Z')).toBe('2028-02-29T08:00:00.000Z');
    expect(added('P13M', '2026-12-15T00:00:00Z')).toBe('2028-01-15T00:00:00.000Z');
    expect(added('P1Y', '2028-02-29T12:00:00Z')).toBe('2029-02-28T12:00:00.000Z');
  });

  it.each(['', 'P', 'PT', 'P1DT', '10S', 'PT10', 'PT-5S', '-PT5S', 'P1.5D', 'PT1H30', 'R5/PT10S', 'P1S'])(
    "refuses '%s' with a message naming it",
    (text) => {
      const result = parseIsoDuration(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(`'${text}'`);
    },
  );

  it('refuses a duration that leaves the range a date can hold', () => {
    const duration = parseIsoDuration('P999999999Y');
    expect(duration.ok).toBe(true);
    if (duration.ok) expect(addIsoDuration(at('2026-01-01T00:00:00Z'), duration.value).ok).toBe(false);
  });
});
