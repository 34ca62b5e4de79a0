// A deep copy with exactly the result of JSON.parse(JSON.stringify(value)), several times faster
// for the plain data messages carry: no string is built or parsed. Anything outside plain objects,
// arrays and primitives (toJSON, class instances, bigint, very deep or circular values) is left to
// the JSON round trip itself, so its answers and its errors stay the reference.

/** Thrown inside the fast path when the value needs the JSON round trip; never escapes. */
const needsJsonRoundTrip: unique symbol = Symbol('needsJsonRoundTrip');

/** Deeper than this, the round trip takes over: it reports cycles as JSON.stringify does. */
const maxFastDepth = 100;

/** The value as a JSON round trip gives it back (throws what JSON.stringify or JSON.parse would). */
export function jsonCopy(value: unknown): unknown {
  try {
    return copyTopLevel(value);
  } catch (error) {
    if (error !== needsJsonRoundTrip) throw error;
    return JSON.parse(JSON.stringify(value) as string) as unknown;
  }
}

function copyTopLevel(value: unknown): unknown {
  const copied = copyValue(value, 0);
  // JSON.stringify answers undefined for these, and JSON.parse then throws: let it.
  if (copied === undefined) throw needsJsonRoundTrip;
  return copied;
}

/** The copy of a value, or `undefined` where JSON leaves the value out (functions, symbols, undefined). */
function copyValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN and ±Infinity become null, -0 becomes 0.
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      if (value === null) return null;
      if (depth >= maxFastDepth) throw needsJsonRoundTrip;
      return Array.isArray(value) ? copyArray(value, depth + 1) : copyObject(value, depth + 1);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      // bigint: JSON.stringify throws (or calls a BigInt.prototype.toJSON somebody added).
      throw needsJsonRoundTrip;
  }
}

function copyArray(array: readonly unknown[], depth: number): unknown[] {
  if (Object.getPrototypeOf(array) !== Array.prototype || typeof (array as { toJSON?: unknown }).toJSON === 'function') throw needsJsonRoundTrip;
  const length = array.length;
  const copy = new Array<unknown>(length);
  for (let index = 0; index < length; index++) {
    const item = copyValue(array[index], depth);
    copy[index] = item === undefined ? null : item;
  }
  return copy;
}

function copyObject(object: object, depth: number): Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) throw needsJsonRoundTrip;
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function') throw needsJsonRoundTrip;
  const copy: Record<string, unknown> = {};
  const source = object as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    // JSON.parse makes `__proto__` an own property; an assignment would set the prototype.
    if (key === '__proto__') throw needsJsonRoundTrip;
    const item = copyValue(source[key], depth);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}
