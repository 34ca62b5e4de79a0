import { copyVariables } from './copy-variables';

describe('copyVariables', () => {
  it('gives what a spread of both gives: the second wins, order of first appearance', () => {
    const first = { a: 1, b: { nested: true }, c: 'x' };
    const second = { c: 'y', d: null };
    const copy = copyVariables(first, second);
    expect(copy).toStrictEqual({ ...first, ...second });
    expect(Object.keys(copy)).toEqual(Object.keys({ ...first, ...second }));
    expect(copy).not.toBe(first);
    expect(copy['b']).toBe(first.b);
  });

  it('keeps a variable named __proto__ as a variable, as a spread does', () => {
    const fromJson = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as Record<string, unknown>;
    const copy = copyVariables({ b: 2 }, fromJson);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toStrictEqual({ b: 2, ...fromJson });
  });

  it('copies one map, or none', () => {
    expect(copyVariables({ a: 1 })).toStrictEqual({ a: 1 });
    expect(copyVariables(undefined, { a: 1 })).toStrictEqual({ a: 1 });
    expect(copyVariables(undefined)).toStrictEqual({});
  });
});
