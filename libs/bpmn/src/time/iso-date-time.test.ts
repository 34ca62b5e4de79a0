import { parseIsoDateTime } from './iso-date-time';

function instant(text: string): string {
  const result = parseIsoDateTime(text);
  if (!result.ok) throw new Error(result.message);
  return new Date(result.value).toISOString();
}

describe('ISO 8601 date-times', () => {
  it.each([
    ['2026-01-01T09:00:00Z', '2026-01-01T09:00:00.000Z'],
    ['2026-01-01T09:00:00.250Z', '2026-01-01T09:00:00.250Z'],
    ['2026-01-01T09:00Z', '2026-01-01T09:00:00.000Z'],
    ['2026-01-01T09:00:00+02:00', '2026-01-01T07:00:00.000Z'],
    ['2026-01-01T09:00:00-0530', '2026-01-01T14:30:00.000Z'],
    ['2026-01-01T01:00:00+05:00', '2025-12-31T20:00:00.000Z'],
    ['2026-01-01T09:00:00+01:00[Europe/Berlin]', '2026-01-01T08:00:00.000Z'],
    // A zone id alone (FEEL's `@zone`, Java's `[zone]`): the zone's offset at that time, DST included.
    ['2026-01-01T09:00:00@Europe/Berlin', '2026-01-01T08:00:00.000Z'],
    ['2026-07-01T09:00:00[Europe/Berlin]', '2026-07-01T07:00:00.000Z'],
    ['2026-07-01T09:00:00@America/New_York', '2026-07-01T13:00:00.000Z'],
    // Neither offset nor zone: UTC.
    ['2026-01-01T09:00:00', '2026-01-01T09:00:00.000Z'],
  ])('%s is %s', (text, expected) => {
    expect(instant(text)).toBe(expected);
  });

  it.each([
    'tomorrow',
    '2026-01-01',
    '2026/01/01T09:00:00Z',
    '2026-02-30T09:00:00Z',
    '2026-13-01T09:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T09:60:00Z',
    '2026-01-01T09:00:00+19:00',
    '2026-01-01T09:00:00@Mars/Olympus',
  ])("refuses '%s'", (text) => {
    const result = parseIsoDateTime(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`'${text}'`);
  });
});
