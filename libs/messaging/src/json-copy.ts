// A deep copy with exactly the result of JSON.parse(JSON.stringify(value)), several times faster
// for the plain data messages carry: no string is built or parsed. Anything outside plain objects,
// arrays and primitives (toJSON, class instances, bigint, very deep or circular values) is left to
// the JSON round trip itself, so its answers and its errors stay the reference.

/** Thrown inside the fast path when the value needs the JSON round trip; never escapes. */
class NeedsJsonRoundTrip extends Error {}
/** Made once: throwing it captures no stack. */
const needsJsonRoundTrip = new NeedsJsonRoundTrip('the value needs the JSON round trip');

/** Deeper than this, the round trip takes over: it reports cycles as JSON.stringify does. */
const maxFastDepth = 100;

/** The value as a JSON round trip gives it back (throws what JSON.stringify or JSON.parse would). */
export function jsonCopy(value: unknown): unknown {
  // A toJSON that plain objects or arrays inherit (somebody patched a prototype): JSON decides.
  if ('toJSON' in Object.prototype || 'toJSON' in Array.prototype) return roundTrip(value);
  try {
    const copied = copyValue(value, 0);
    // JSON.stringify answers undefined for these, and JSON.parse then throws: let it.
    return copied === undefined ? roundTrip(value) : copied;
  } catch (error) {
    if (error !== needsJsonRoundTrip) throw error;
    return roundTrip(value);
  }
}

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The copy of a value, or `undefined` where JSON leaves the value out (functions, symbols, undefined). */
function copyValue(value: unknown, depth: number): unknown {
  if (typeof value === 'object') {
    if (value === null) return null;
    if (depth >= maxFastDepth) throw needsJsonRoundTrip;
    return Array.isArray(value) ? copyArray(value, depth + 1) : copyObject(value, depth + 1);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // NaN and ±Infinity become null, -0 becomes 0.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  // bigint: JSON.stringify throws (or calls a BigInt.prototype.toJSON somebody added).
  if (typeof value === 'bigint') throw needsJsonRoundTrip;
  // undefined, functions and symbols.
  return undefined;
}

function copyArray(array: readonly unknown[], depth: number): unknown[] {
  if (Object.getPrototypeOf(array) !== Array.prototype || Object.hasOwn(array, 'toJSON'))
    throw needsJsonRoundTrip;
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
  const copy: Record<string, unknown> = {};
  const source = object as Record<string, unknown>;
  // for-in with an own-property check visits what Object.keys lists, in its order, without
  // allocating the array of keys.
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    // JSON.parse makes `__proto__` an own property (an assignment would set the prototype); an
    // own toJSON replaces the object.
    if (key === '__proto__' || key === 'toJSON') throw needsJsonRoundTrip;
    const item = copyValue(source[key], depth);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}
