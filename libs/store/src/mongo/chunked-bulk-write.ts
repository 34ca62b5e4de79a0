// Bulk writes cut into commands of a bounded number of statements. MongoDB takes a whole batch
// in one command; FerretDB 1.24 keeps every matched statement's read cursor open until its update
// command ends, and an update command of 100 matching statements exhausts its connection pool
// and never returns.
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { WriteFence } from '../write-fence';
import { duplicateKeyIndexes } from './mongo-errors';

export interface ChunkedBulkWriteResult {
  readonly matchedCount: number;
  readonly upsertedCount: number;
  /**
   * A unique index refused some statement. The totals are then unreliable: FerretDB stops the
   * command at that statement and reports no counts.
   */
  readonly refusedDuplicate: boolean;
}

/**
 * Runs the operations unordered, at most `maxStatements` per command, one command after another,
 * each after `fence` let it go.
 */
export async function chunkedBulkWrite<T extends Document>(
  collection: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
  maxStatements: number,
  fence?: WriteFence,
): Promise<ChunkedBulkWriteResult> {
  let matchedCount = 0;
  let upsertedCount = 0;
  let refusedDuplicate = false;
  for (let start = 0; start < operations.length; start += maxStatements) {
    fence?.();
    try {
      const result = await collection.bulkWrite(operations.slice(start, start + maxStatements), {
        ordered: false,
      });
      matchedCount += result.matchedCount;
      upsertedCount += result.upsertedCount;
    } catch (error) {
      duplicateKeyIndexes(error); // rethrows anything but unique-index refusals
      refusedDuplicate = true;
    }
  }
  return { matchedCount, upsertedCount, refusedDuplicate };
}
