// The nesting limit of JSON request bodies. JSON.parse reads any depth, but what comes after
// recurses: structured copies, canonical JSON, FEEL, BSON (MongoDB refuses documents nested more
// than 100 levels, and a variable sits three levels inside an instance record). A body nested
// deeper than the limit is refused up front with a 400 naming it, instead of a stack overflow
// (500) later, or a command that can never be stored.
import { BatonError } from '@baton/contracts';

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
    if (depth > maxDepth) {
      const where = field === '' ? '' : ` (in '${field.slice(0, 100)}')`;
      throw new BatonError(
        'INVALID_ARGUMENT',
        `Request body nests JSON objects and arrays deeper than the limit of ${maxDepth} levels${where}.`,
        { invalidParams: [{ path: field, message: `nested deeper than ${maxDepth} levels` }] },
      );
    }
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'object' && inner !== null) {
        pending.push({ value: inner, depth: depth + 1, field: depth === 1 ? key : field });
      }
    }
  }
  return body;
}
