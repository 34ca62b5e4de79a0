import { nextCronTime, parseCronExpression } from './cron-expression';

/** The next `count` times after `after` (ISO texts), each strictly after the one before. */
function upcoming(text: string, after: string, count = 3): string[] {
  const cron = parseCronExpression(text);
  if (!cron.ok) throw new Error(cron.message);
  const times: string[] = [];
  let from = Date.parse(after);
  for (let index = 0; index < count; index++) {
    const next = nextCronTime(cron.value, from);
    if (next === undefined) throw new Error(`no time after ${new Date(from).toISOString()}`);
    times.push(new Date(next).toISOString().replace('.000Z', 'Z'));
    from = next;
  }
  return times;
}

describe('cron expressions (Spring / Zeebe, six fields, UTC)', () => {
  it('fires on the hour from 9 to 17, Monday to Friday', () => {
    // 2026-01-02 is a Friday.
    expect(upcoming('0 0 9-17 * * MON-FRI', '2026-01-02T16:30:00Z', 4)).toEqual([
      '2026-01-02T17:00:00Z',
      '2026-01-05T09:00:00Z',
      '2026-01-05T10:00:00Z',
      '2026-01-05T11:00:00Z',
    ]);
  });

  it('is strictly after the given instant, to the second', () => {
    expect(upcoming('*/10 * * * * *', '2026-01-01T00:00:10Z', 2)).toEqual([
      '2026-01-01T00:00:20Z',
      '2026-01-01T00:00:30Z',
    ]);
    expect(upcoming('*/10 * * * * *', '2026-01-01T00:00:09.999Z', 1)).toEqual(['2026-01-01T00:00:10Z']);
  });

  it('reads lists, steps from a value, month and day names, ? and 0 or 7 for Sunday', () => {
    expect(upcoming('0 15,45 8 * * ?', '2026-01-01T08:20:00Z')).toEqual([
      '2026-01-01T08:45:00Z',
      '2026-01-02T08:15:00Z',
      '2026-01-02T08:45:00Z',
    ]);
    expect(upcoming('0 5/20 * * * *', '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-01T00:05:00Z',
      '2026-01-01T00:25:00Z',
      '2026-01-01T00:45:00Z',
    ]);
    expect(upcoming('0 0 12 1 jan,Jul ?', '2026-02-01T00:00:00Z', 2)).toEqual([
      '2026-07-01T12:00:00Z',
      '2027-01-01T12:00:00Z',
    ]);
    // 2026-01-04 is a Sunday.
    expect(upcoming('0 0 6 * * 0', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-04T06:00:00Z']);
    expect(upcoming('0 0 6 * * 7', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-04T06:00:00Z']);
    expect(upcoming('0 0 6 * * SUN', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-04T06:00:00Z']);
    // A range through the end of the week: Saturday and Sunday.
    expect(upcoming('0 0 6 * * SAT-SUN', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-03T06:00:00Z',
      '2026-01-04T06:00:00Z',
    ]);
  });

  it('requires both day fields to match, as Spring does', () => {
    // The 13th that is a Friday: 2026-02-13, then 2026-03-13.
    expect(upcoming('0 0 0 13 * FRI', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-02-13T00:00:00Z',
      '2026-03-13T00:00:00Z',
    ]);
  });

  it('reads the Quartz day forms: L, L-n, LW, nW, nL and n#k', () => {
    expect(upcoming('0 0 0 L * *', '2026-01-15T00:00:00Z', 3)).toEqual([
      '2026-01-31T00:00:00Z',
      '2026-02-28T00:00:00Z',
      '2026-03-31T00:00:00Z',
    ]);
    expect(upcoming('0 0 0 L-2 * *', '2026-02-01T00:00:00Z', 1)).toEqual(['2026-02-26T00:00:00Z']);
    // The last weekday of January 2026 is Friday the 30th; of May 2026 Friday the 29th.
    expect(upcoming('0 0 0 LW 1,5 *', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-30T00:00:00Z',
      '2026-05-29T00:00:00Z',
    ]);
    // The 1st of August 2026 is a Saturday: the nearest weekday in the month is Monday the 3rd.
    expect(upcoming('0 0 0 1W 8 *', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-08-03T00:00:00Z']);
    // The last Friday of January 2026 is the 30th; the second Monday of February the 9th.
    expect(upcoming('0 0 0 * 1 5L', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-30T00:00:00Z']);
    expect(upcoming('0 0 0 ? 2 MON#2', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-02-09T00:00:00Z']);
  });

  it('knows the macros', () => {
    expect(upcoming('@daily', '2026-01-01T10:00:00Z', 1)).toEqual(['2026-01-02T00:00:00Z']);
    expect(upcoming('@hourly', '2026-01-01T10:00:00Z', 1)).toEqual(['2026-01-01T11:00:00Z']);
    expect(upcoming('@weekly', '2026-01-01T10:00:00Z', 1)).toEqual(['2026-01-04T00:00:00Z']);
    expect(upcoming('@monthly', '2026-01-01T10:00:00Z', 1)).toEqual(['2026-02-01T00:00:00Z']);
    expect(upcoming('@yearly', '2026-01-01T10:00:00Z', 1)).toEqual(['2027-01-01T00:00:00Z']);
  });

  it('finds a leap day years away', () => {
    expect(upcoming('0 0 0 29 2 *', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2028-02-29T00:00:00Z',
      '2032-02-29T00:00:00Z',
    ]);
  });

  it.each([
    ['0 0 9 * *', 'expected 6 fields'],
    ['0 0 9 * * * 2026', 'expected 6 fields'],
    ['60 0 9 * * *', "'60' is not a valid second"],
    ['0 0 24 * * *', "'24' is not a valid hour"],
    ['0 0 9 0 * *', "'0' is not a valid day of month"],
    ['0 0 9 * 13 *', "'13' is not a valid month"],
    ['0 0 9 * * MOX', "'MOX' is not a valid day of week"],
    ['0 0 17-9 * * *', 'runs backwards'],
    ['0 */0 9 * * *', "'*/0' is not a valid minute"],
    ['? 0 9 * * *', "'?' is only allowed"],
    ['0 0 0 30 2 *', 'matches no day'],
    ['0 0 9 * * FRI#6', "'FRI#6' is not a valid day of week"],
  ])("refuses '%s' (%s)", (text, reason) => {
    const result = parseCronExpression(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });
});
