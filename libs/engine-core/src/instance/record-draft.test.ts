import { RecordDraft, type StateRecord } from './record-draft';

type Operation =
  | { readonly kind: 'set'; readonly key: string; readonly value: number }
  | { readonly kind: 'delete'; readonly key: string };

/** What the draft stands in for: copy the record, then write into the copy. */
function copyAndWrite(base: StateRecord<number>, operations: readonly Operation[]): Record<string, number> {
  const copy = { ...base };
  for (const operation of operations) {
    if (operation.kind === 'set') copy[operation.key] = operation.value;
    else delete copy[operation.key];
  }
  return copy;
}

/** A small deterministic generator (no flaky seeds): linear congruential. */
function randomSource(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('RecordDraft', () => {
  it('gives the record, values and key order, that copying and writing gives', () => {
    const keyPool = ['2251799813685249', '2251799813685250', '2251799813685251', '17', '3', 'a', 'b'];
    for (let seed = 1; seed <= 300; seed++) {
      const next = randomSource(seed);
      const base: Record<string, number> = {};
      for (const key of keyPool) if (next(2) === 0) base[key] = next(100);
      const operations: Operation[] = Array.from({ length: next(12) }, () =>
        next(3) === 0
          ? { kind: 'delete', key: keyPool[next(keyPool.length)]! }
          : { kind: 'set', key: keyPool[next(keyPool.length)]!, value: next(100) },
      );
      const draft = new RecordDraft<number>(Object.freeze({ ...base }), new Set());
      const expected: Record<string, number> = { ...base };
      for (const operation of operations) {
        if (operation.kind === 'set') draft.set(operation.key, operation.value);
        else draft.delete(operation.key);
        if (operation.kind === 'set') expected[operation.key] = operation.value;
        else delete expected[operation.key];
        for (const key of keyPool) expect(draft.get(key)).toBe(expected[key]);
        // Folding in the middle must not change what comes after.
        if (next(5) === 0) expect(Object.entries(draft.current())).toEqual(Object.entries(expected));
      }
      expect(Object.entries(draft.current())).toEqual(Object.entries(copyAndWrite(base, operations)));
    }
  });

  it('never changes the base record and returns it while nothing was written', () => {
    const base = Object.freeze({ '2251799813685249': 1 });
    const draft = new RecordDraft<number>(base, new Set());
    expect(draft.current()).toBe(base);
    draft.set('2251799813685250', 2);
    expect(draft.current()).toEqual({ '2251799813685249': 1, '2251799813685250': 2 });
    expect(base).toEqual({ '2251799813685249': 1 });
  });

  it('keeps keys made during the command apart from the base, also once they were folded in', () => {
    const fresh = new Set(['2251799813685260']);
    const draft = new RecordDraft<number>({ '2251799813685249': 1 }, fresh);
    expect(draft.get('2251799813685260')).toBeUndefined();
    draft.set('2251799813685260', 5);
    expect(draft.get('2251799813685260')).toBe(5);
    expect(Object.keys(draft.current())).toEqual(['2251799813685249', '2251799813685260']);
    draft.set('2251799813685260', 6);
    expect(draft.get('2251799813685260')).toBe(6);
    draft.delete('2251799813685260');
    expect(draft.get('2251799813685260')).toBeUndefined();
    expect(draft.current()).toEqual({ '2251799813685249': 1 });
  });

  it('makes plain records: Object prototype, JSON as for an object literal', () => {
    const draft = new RecordDraft<{ readonly n: number }>({}, new Set());
    draft.set('2251799813685249', { n: 1 });
    const record = draft.current();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(JSON.stringify(record)).toBe('{"2251799813685249":{"n":1}}');
    expect(record).toStrictEqual({ '2251799813685249': { n: 1 } });
  });
});
