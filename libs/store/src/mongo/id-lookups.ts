// Reads and deletes of documents by a list of _ids. MongoDB answers `{_id: {$in: [...]}}` from its
// index. FerretDB 1.24 hands SQLite only a filter of one `_id` equality and evaluates anything
// else — `$in` included — in Go over every document of the collection, so there the same reads
// are one findOne per id (concurrent on the driver's pool) and deletes one deleteOne statement
// per id: each of those is an index lookup in SQLite.
import type { Collection, Document, Filter, FindOptions, WithId } from 'mongodb';
import type { WriteFence } from '../write-fence';

/** How a list of ids is looked up: one `$in` query, or one query per id. */
export type IdQueryStyle = 'in' | 'each';

/** Concurrent single-id reads per list: FerretDB serves a database from 100 SQLite connections. */
const READ_CONCURRENCY = 16;

export interface IdLookupOptions {
  readonly style: IdQueryStyle;
  /** Most statements per delete command (see chunked-bulk-write.ts). */
  readonly maxStatementsPerCommand: number;
}

/** The documents with these ids that exist, in no particular order. */
export async function findByIds<T extends { _id: string }>(
  collection: Collection<T>,
  ids: readonly string[],
  options: IdLookupOptions,
  findOptions: FindOptions = {},
): Promise<WithId<T>[]> {
  if (ids.length === 0) return [];
  if (options.style === 'in') {
    return collection.find({ _id: { $in: [...ids] } } as Filter<T>, findOptions).toArray();
  }
  const found: WithId<T>[] = [];
  for (let start = 0; start < ids.length; start += READ_CONCURRENCY) {
    const records = await Promise.all(
      ids
        .slice(start, start + READ_CONCURRENCY)
        .map((_id) => collection.findOne({ _id } as Filter<T>, findOptions)),
    );
    for (const record of records) if (record !== null) found.push(record);
  }
  return found;
}

/** Deletes the documents with these ids (those that exist), each command after `fence` let it go. */
export async function deleteByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  ids: readonly string[],
  options: IdLookupOptions,
  fence?: WriteFence,
): Promise<void> {
  if (ids.length === 0) return;
  fence?.();
  if (options.style === 'in') {
    await collection.deleteMany({ _id: { $in: [...ids] } } as Filter<T>);
    return;
  }
  for (let start = 0; start < ids.length; start += options.maxStatementsPerCommand) {
    if (start > 0) fence?.();
    await collection.bulkWrite(
      ids
        .slice(start, start + options.maxStatementsPerCommand)
        .map((_id) => ({ deleteOne: { filter: { _id } as Filter<T> } })),
      { ordered: false },
    );
  }
}
