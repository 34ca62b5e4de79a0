// Freezes a compiled model all the way down, so that no engine code can change a deployed
// definition that every instance shares.

/** Recursively freezes plain objects and arrays; returns the same value typed as read-only. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value as Record<string, unknown>)) deepFreeze(entry);
  }
  return value;
}
