// The nesting limit of JSON request bodies. JSON.parse reads any depth, but what comes after
// recurses: structured copies, canonical JSON, FEEL, BSON (MongoDB refuses documents nested more
// than 100 levels, and a variable sits three levels inside an instance record). A body nested
// deeper than the limit is refused up front with a 400 naming it, instead of a stack overflow
// (500) later, or a command that can never be stored. The raw text is scanned before it is
// parsed: parsing 1 MiB of `[` builds 500,000 arrays (over 100 ms of a blocked event loop).
import { BatonError } from '@baton/contracts';

const [quote, backslash, openArray, closeArray, openObject, closeObject] = [
  0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d,
];

/** The error of a body nested deeper than `maxDepth`. */
function tooDeep(maxDepth: number, field: string): BatonError {
  const where = field === '' ? '' : ` (in '${field.slice(0, 100)}')`;
  return new BatonError(
    'INVALID_ARGUMENT',
    `Request body nests JSON objects and arrays deeper than the limit of ${maxDepth} levels${where}.`,
    { invalidParams: [{ path: field, message: `nested deeper than ${maxDepth} levels` }] },
  );
}

/**
 * Throws INVALID_ARGUMENT when the JSON text nests objects and arrays deeper than `maxDepth`:
 * one pass over the bytes, brackets inside strings skipped. (Text that is not JSON is left to
 * the parser to refuse.)
 */
export function checkJsonTextDepth(text: Uint8Array, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index];
    if (inString) {
      if (byte === backslash) index++;
      else if (byte === quote) inString = false;
    } else if (byte === quote) inString = true;
    else if (byte === openArray || byte === openObject) {
      if (++depth > maxDepth) throw tooDeep(maxDepth, '');
    } else if (byte === closeArray || byte === closeObject) depth--;
  }
}

/**
 * Returns `body` when no object or array in it is nested deeper than `maxDepth` (the body itself
 * is level 1); throws INVALID_ARGUMENT naming the limit and the top-level field otherwise.
 * Iterative, so that the check itself cannot overflow the stack.
 */
export function boundedJsonDepth<T>(body: T, maxDepth: number): T {
  const pending: { value: unknown; depth: number; field: string }[] = [{ value: body, depth: 1, field: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, field } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) throw tooDeep(maxDepth, field);
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'object' && inner !== null) {
        pending.push({ value: inner, depth: depth + 1, field: depth === 1 ? key : field });
      }
    }
  }
  return body;
}
