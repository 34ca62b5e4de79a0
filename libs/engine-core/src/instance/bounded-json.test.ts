import { boundedJson } from './bounded-json';

describe('boundedJson', () => {
  const values: unknown[] = [
    null,
    0,
    -1.5,
    'plain',
    'quote " and \n newline',
    true,
    [1, 'two', { three: [3] }],
    { a: 1, 'b.c': { $d: null }, list: [] },
    { skipped: undefined, kept: 1 },
  ];

  it.each(values)('writes %j as JSON.stringify does when it fits', (value) => {
    expect(boundedJson(value, 1000)).toEqual({ text: JSON.stringify(value), truncated: false });
  });

  it.each([
    ['a long string', 'x'.repeat(50_000)],
    ['a string of escapes', '"\n'.repeat(3_000)],
    ['a long array', Array.from({ length: 5_000 }, (_, index) => index)],
    ['a deep object', { level: { level: { level: { text: 'y'.repeat(2_000) } } } }],
  ])('cuts %s to the first characters of its JSON', (_name, value) => {
    expect(boundedJson(value, 100)).toEqual({ text: JSON.stringify(value).slice(0, 100), truncated: true });
  });

  it('is exact at the limit', () => {
    const value = 'z'.repeat(98); // 100 characters quoted
    expect(boundedJson(value, 100)).toEqual({ text: JSON.stringify(value), truncated: false });
    expect(boundedJson(value, 99).truncated).toBe(true);
  });
});
