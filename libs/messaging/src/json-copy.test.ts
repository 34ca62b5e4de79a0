import { jsonCopy } from './json-copy';

/** What the in-memory bus did before: the reference jsonCopy must match. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives for plain data, with no object shared', () => {
    const value = {
      key: '2251799813685249',
      n: 1.5,
      flags: [true, false, null],
      nested: { list: [{ a: 1 }, { b: [2, 3] }], empty: {} },
      '10': 'integer-like keys keep their order',
      '2': 'two',
    };
    const copy = jsonCopy(value) as typeof value;
    expect(copy).toStrictEqual(roundTrip(value));
    expect(Object.keys(copy)).toEqual(Object.keys(roundTrip(value) as object));
    expect(copy).not.toBe(value);
    expect(copy.nested).not.toBe(value.nested);
    expect(copy.nested.list[0]).not.toBe(value.nested.list[0]);
    expect(copy.flags).not.toBe(value.flags);
  });

  it('drops what JSON drops and nulls what JSON nulls', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1, Symbol('s'), NaN, Infinity, -Infinity, -0],
      nan: NaN,
      minusZero: -0,
      sparse: [1, , 3],
    };
    const copy = jsonCopy(value);
    expect(copy).toStrictEqual(roundTrip(value));
    expect(Object.is((copy as { minusZero: number }).minusZero, 0)).toBe(true);
  });

  it('calls toJSON and serialises class instances as JSON does', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const value = {
      at: new Date(0),
      point: new Point(1, 2),
      set: new Set([1]),
      map: new Map([[1, 2]]),
      boxed: Object(5) as unknown,
    };
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
    expect((jsonCopy(value) as { at: unknown }).at).toBe('1970-01-01T00:00:00.000Z');
  });

  it('follows own toJSON properties, callable or not, and a toJSON patched into Object.prototype', () => {
    const value = { own: { toJSON: () => 'replaced' }, notCallable: { toJSON: 1, a: 2 }, list: [1] };
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
    const prototype = Object.prototype as { toJSON?: unknown };
    prototype.toJSON = function (this: unknown) {
      return 'patched';
    };
    try {
      expect(jsonCopy({ a: 1 })).toBe('patched');
    } finally {
      delete prototype.toJSON;
    }
  });

  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = jsonCopy(value) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('copies null-prototype objects into plain ones', () => {
    const value = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const copy = jsonCopy(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual({ a: 1 });
  });

  it('throws what JSON throws: cycles, bigint, a top-level function', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => jsonCopy(cyclic)).toThrow(TypeError);
    expect(() => jsonCopy({ big: 1n })).toThrow(TypeError);
    expect(() => jsonCopy(() => 1)).toThrow(SyntaxError);
  });

  it('copies very deep values through the round trip', () => {
    let deep: unknown = 'leaf';
    for (let depth = 0; depth < 500; depth++) deep = { child: deep, list: [depth] };
    expect(jsonCopy(deep)).toStrictEqual(roundTrip(deep));
  });

  it('copies primitives at the top level', () => {
    for (const value of ['text', 42, true, null, NaN])
      expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
  });
});
