import { jsonBytesBound } from './json-bytes-bound';

const utf8JsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('jsonBytesBound', () => {
  it('is at least the UTF-8 size of the JSON text of plain data', () => {
    const values: unknown[] = [
      {},
      [],
      { a: 1, b: 'x', c: null, d: true, e: false },
      { big: -1.2345678901234567e-308, small: 5e-324, int: Number.MAX_SAFE_INTEGER, nan: Number.NaN },
      { name: 'Zoë', emoji: '🎉', lone: '\ud800', control: '\u0001\n\t', quote: 'a "q" \\ b' },
      { nested: { list: [1, 'two', null, { deep: [true, [[]]] }], skipped: undefined } },
      [undefined, 1, [2, [3]]],
      { ключ: { значение: 'über' } },
    ];
    for (const value of values)
      expect(jsonBytesBound(value, 10_000)).toBeGreaterThanOrEqual(utf8JsonBytes(value));
  });

  it('gives no bound past the budget or for what is not plain JSON data', () => {
    expect(jsonBytesBound({ text: 'x'.repeat(100) }, 50)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound({ when: new Date(0) }, 10_000)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound({ toJSON: () => 'x' }, 10_000)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesBound({ count: 1n }, 10_000)).toBe(Number.POSITIVE_INFINITY);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(jsonBytesBound(cycle, 1_000_000)).toBe(Number.POSITIVE_INFINITY);
  });
});
