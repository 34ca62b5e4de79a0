// Camunda's AdvancedStringFilter applied to a value in memory: a plain string is equality.
import type { StringFilter } from '@baton/contracts';
import { matchesLike } from '@baton/store';

export function matchesStringFilter(filter: StringFilter | undefined, value: string | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return value === filter;
  if (filter.$exists !== undefined && filter.$exists !== (value !== undefined)) return false;
  if (value === undefined) return filter.$exists === false;
  return (
    (filter.$eq === undefined || value === filter.$eq) &&
    (filter.$neq === undefined || value !== filter.$neq) &&
    (filter.$in === undefined || filter.$in.includes(value)) &&
    (filter.$like === undefined || matchesLike(filter.$like, value))
  );
}

/** The one value a filter pins (a plain string or `$eq`), to read only what can match. */
export function pinnedValue(filter: StringFilter | undefined): string | undefined {
  if (filter === undefined) return undefined;
  return typeof filter === 'string' ? filter : filter.$eq;
}
