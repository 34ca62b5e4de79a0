import { variablesBytes } from './variables-document-limit';

type Variables = Record<string, Record<string, unknown>>;

const utf8JsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('variablesBytes', () => {
  it('is the UTF-8 length of the variables document as JSON, counted when it may exceed the limit', () => {
    const cases: Variables[] = [
      {},
      { '1': {} },
      { '1': { a: 1, b: 'x' } },
      {
        '1': { name: 'Zoë', emoji: '🎉', nested: { list: [1, 'two', null, { deep: true }] } },
        '22': { total: 12.5 },
      },
      { ключ: { значение: 'über' }, '3': { quote: 'a "quoted" \\ value\n' } },
    ];
    for (const variables of cases) {
      expect(variablesBytes(variables)).toBe(utf8JsonBytes(variables));
      // Far below a limit, a bound that is at most the limit and at least the size.
      const bound = variablesBytes(variables, 1_000_000);
      expect(bound).toBeGreaterThanOrEqual(utf8JsonBytes(variables));
      expect(bound).toBeLessThanOrEqual(1_000_000);
    }
  });

  it('measures again a scope written anew, and keeps the size of a scope shared with the state before', () => {
    const shared = { big: 'x'.repeat(1000) };
    const before = { '1': shared, '2': { n: 1 } };
    expect(variablesBytes(before)).toBe(utf8JsonBytes(before));
    // The core replaces a written scope's record: the shared one keeps its measured size.
    const after = { '1': shared, '2': { n: 1, added: 'ü'.repeat(10) } };
    expect(variablesBytes(after)).toBe(utf8JsonBytes(after));
    const withoutScope = { '1': shared };
    expect(variablesBytes(withoutScope)).toBe(utf8JsonBytes(withoutScope));
  });
});
