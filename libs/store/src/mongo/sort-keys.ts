// Sorting and paging in MongoDB with the order of `compareValues` (query.ts): decimal keys compare
// numerically, and a missing value sorts last ascending and first descending. Each searchable
// record carries `sortKeys` (values normalised for that order) and `sortMissing` (flags).
import type { Collection, Document, Filter, Sort } from 'mongodb';
import type { PageRequest, SortRequest } from '../query';

type SortableValue = string | number | boolean;

/** Stored beside a record's data so that MongoDB sorts it like the in-memory adapters do. */
export interface SortProjection {
  readonly sortKeys: Readonly<Record<string, SortableValue>>;
  /** `true` for each sortable field the record lacks; absent when it lacks none. */
  readonly sortMissing?: Readonly<Record<string, true>>;
}

/** Digit strings up to this length are left-padded so that string order is numeric order. */
const PADDED_WIDTH = 40;

function sortableValue(value: unknown): SortableValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^\d+$/.test(text) && text.length < PADDED_WIDTH ? text.padStart(PADDED_WIDTH, '0') : text;
}

export function sortProjection(source: object, fields: readonly string[]): SortProjection {
  const sortKeys: Record<string, SortableValue> = {};
  const sortMissing: Record<string, true> = {};
  for (const field of fields) {
    const value = sortableValue((source as Record<string, unknown>)[field]);
    if (value === undefined) sortMissing[field] = true;
    else sortKeys[field] = value;
  }
  return Object.keys(sortMissing).length > 0 ? { sortKeys, sortMissing } : { sortKeys };
}

/**
 * The MongoDB sort of a search. Fields that are not sortable are ignored (in memory every record
 * would tie on them); the default field ends every sort so that pages are deterministic.
 */
export function mongoSort(
  sort: readonly SortRequest[] | undefined,
  sortableFields: readonly string[],
  defaultField: string,
): Sort {
  const spec: Record<string, 1 | -1> = {};
  for (const { field, order } of sort ?? []) {
    if (!sortableFields.includes(field)) continue;
    const direction = order === 'DESC' ? -1 : 1;
    spec[`sortMissing.${field}`] ??= direction;
    spec[`sortKeys.${field}`] ??= direction;
  }
  spec[`sortKeys.${defaultField}`] ??= 1;
  return spec;
}

/** One page of a search and the number of all matches (MongoDB's limit 0 would mean "no limit"). */
export async function findPage<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  sort: Sort,
  page: PageRequest | undefined,
): Promise<{ readonly records: T[]; readonly totalItems: number }> {
  const from = Math.max(0, page?.from ?? 0);
  const limit = Math.max(0, page?.limit ?? 100);
  if (limit === 0) return { records: [], totalItems: await collection.countDocuments(filter) };
  const records = await collection.find(filter).sort(sort).skip(from).limit(limit).toArray();
  // A page that is not full and not past the end is the last one: the matches are counted without
  // asking again (FerretDB, with no index to count from, would read every document once more).
  const last = records.length < limit && (records.length > 0 || from === 0);
  const totalItems = last ? from + records.length : await collection.countDocuments(filter);
  return { records: records as T[], totalItems };
}
