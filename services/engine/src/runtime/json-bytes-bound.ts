// An upper bound on the UTF-8 size of a value's JSON text, found without writing the text: the
// variables-document limit asks it of every small scope a command wrote, where JSON.stringify
// would make a string per command only to take its length. Walks plain JSON data only; anything
// else (a toJSON, a class instance, a bigint, a nesting too deep to be data) has no bound here.

/** Deeper than this is not variables data (and may be a cycle): no bound. */
const maxDepth = 64;

/**
 * At least the UTF-8 byte length of `JSON.stringify(value)`, or `Infinity` once it would pass
 * `budget` or the value is not plain JSON data (the caller then measures the text itself).
 */
export function jsonBytesBound(value: unknown, budget: number): number {
  return boundOf(value, budget, 0);
}

function boundOf(value: unknown, budget: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return stringBound(value, budget);
    case 'number':
      // The longest a double prints: -1.2345678901234567e-308 (and "null" for NaN and infinities).
      return 24;
    case 'boolean':
      return 5;
    case 'undefined':
      // Left out of an object, "null" in an array.
      return 4;
    case 'object':
      if (value === null) return 4;
      if (depth >= maxDepth) return Number.POSITIVE_INFINITY;
      return Array.isArray(value) ? arrayBound(value, budget, depth) : objectBound(value, budget, depth);
    default:
      // A function or symbol is left out or "null"; a bigint makes JSON.stringify throw: measured there.
      return Number.POSITIVE_INFINITY;
  }
}

/** A UTF-16 code unit takes at most 6 bytes (a \u escape), an ASCII one 1 or 2 (\" \\), a BMP one 3. */
function stringBound(text: string, budget: number): number {
  // Every code unit takes a byte at least: a text this long is past the budget whatever it holds.
  if (text.length + 2 > budget) return Number.POSITIVE_INFINITY;
  let bytes = 2;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x20) bytes += 6;
    else if (unit === 0x22 || unit === 0x5c) bytes += 2;
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

function arrayBound(items: readonly unknown[], budget: number, depth: number): number {
  let bytes = 2 + items.length; // [] and a comma after each item (one more than needed)
  for (let index = 0; index < items.length && bytes <= budget; index++)
    bytes += boundOf(items[index], budget - bytes, depth + 1);
  return bytes <= budget ? bytes : Number.POSITIVE_INFINITY;
}

function objectBound(record: object, budget: number, depth: number): number {
  const prototype = Object.getPrototypeOf(record) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return Number.POSITIVE_INFINITY;
  if (typeof (record as { toJSON?: unknown }).toJSON === 'function') return Number.POSITIVE_INFINITY;
  let bytes = 2; // {}
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    // "key":value, — a comma after each member (one more than needed)
    bytes += stringBound(key, budget - bytes) + 2;
    if (bytes > budget) return Number.POSITIVE_INFINITY;
    bytes += boundOf((record as Record<string, unknown>)[key], budget - bytes, depth + 1);
    if (bytes > budget) return Number.POSITIVE_INFINITY;
  }
  return bytes;
}
