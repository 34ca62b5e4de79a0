// Copies of variable maps, as `{ ...first, ...second }` gives them. Every process has variables
// of its own shapes, so a spread site sees many shapes and V8 copies it through its slow path; a
// for-in loop over own keys measured several times faster. `__proto__` (a legal variable name in
// JSON) is defined rather than assigned, so that it stays a variable, as with a spread.
import type { Variables } from '@baton/contracts';

/** A new object with the own enumerable properties of `first`, then those of `second` over them. */
export function copyVariables(first: Variables | undefined, second?: Variables): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (first !== undefined) copyInto(copy, first);
  if (second !== undefined) copyInto(copy, second);
  return copy;
}

function copyInto(target: Record<string, unknown>, source: Variables): void {
  for (const name in source) {
    if (!Object.hasOwn(source, name)) continue;
    if (name === '__proto__')
      Object.defineProperty(target, name, {
        value: source[name],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else target[name] = source[name];
  }
}
