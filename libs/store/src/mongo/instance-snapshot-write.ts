// Snapshot writes of the log-first runtime (InstanceStore.saveSnapshot). Kafka fencing makes the
// partition's owner the only writer of its instances, so a document is written as given: no
// revision filter, no write claims, and every statement filters on `_id` alone (the only filter
// FerretDB 1.24 serves from its index instead of scanning the collection in Go). What FerretDB
// charges decides the shape: the new documents go in one insert command (one SQLite transaction),
// the stored ones as replace-or-insert statements, at most `maxStatementsPerCommand` per command.
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { SnapshotWrite } from '../instance-store';
import type { WriteFence } from '../write-fence';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { toInstanceRecord, type InstanceRecord } from './instance-record';
import { duplicateKeyIndexes, MongoStoreWriteError } from './mongo-errors';

/**
 * The write token of every snapshot write. Tokens tell a revision-checked writer (writeBatch)
 * whether the stored revision is its own; nothing reads them back on this path, and no token
 * of writeBatch (`<uuid>:<index>`) can equal this one.
 */
const SNAPSHOT_WRITE_TOKEN = 'snapshot';

/**
 * Rounds of replacements before giving up. Only a unique-index refusal (another writer inserting
 * the same key at that instant, which the single owner rules out) or totals that do not add up
 * make a round go again.
 */
const MAX_REPLACE_ROUNDS = 3;

/** Writes the documents unconditionally (InstanceStore.saveSnapshot). */
export async function writeInstanceSnapshot(
  collection: Collection<InstanceRecord>,
  writes: readonly SnapshotWrite[],
  maxStatementsPerCommand: number,
  fence?: WriteFence,
): Promise<void> {
  const newRecords: InstanceRecord[] = [];
  const storedRecords: InstanceRecord[] = [];
  for (const { document, stored } of writes) {
    const record = {
      _id: document.processInstanceKey,
      ...toInstanceRecord(document, document.revision, SNAPSHOT_WRITE_TOKEN),
    };
    (stored ? storedRecords : newRecords).push(record);
  }
  // Distinct keys: the insert and the replacements may run side by side.
  const [refused] = await Promise.all([
    insertNew(collection, newRecords, fence),
    replace(collection, storedRecords, maxStatementsPerCommand, fence),
  ]);
  await replace(collection, refused, maxStatementsPerCommand, fence);
}

/**
 * One unordered insert of the documents the writer believes new; answers those still to be
 * written because the key was stored after all. MongoDB and FerretDB 1.24 both run every document
 * of an unordered insert and name each one refused; should the counts not add up (a server that
 * stopped early), which ones ran is unknown and all of them are written again.
 */
async function insertNew(
  collection: Collection<InstanceRecord>,
  records: readonly InstanceRecord[],
  fence: WriteFence | undefined,
): Promise<readonly InstanceRecord[]> {
  if (records.length === 0) return [];
  fence?.();
  try {
    await collection.insertMany([...records], { ordered: false });
    return [];
  } catch (error) {
    const refused = duplicateKeyIndexes(error); // rethrows anything but unique-index refusals
    const inserted = error instanceof MongoBulkWriteError ? error.insertedCount : 0;
    if (inserted + refused.size !== records.length) return records;
    return records.filter((_record, index) => refused.has(index));
  }
}

/**
 * Replaces each document by `_id`, inserting it when missing (an upsert). Upserts rather than
 * replacements plus inserts of the unmatched: the bulk result only has totals, so finding the
 * unmatched would cost a read per document on FerretDB, while an upsert that matches costs it no
 * more than a plain replacement (FerretDB 1.24.2, 100 stored documents, 10 per command: the same
 * 10 commands and about 230 ms either way). A delete and an insert instead cost as much and
 * would leave readers a moment without the document.
 */
async function replace(
  collection: Collection<InstanceRecord>,
  records: readonly InstanceRecord[],
  maxStatementsPerCommand: number,
  fence: WriteFence | undefined,
): Promise<void> {
  if (records.length === 0) return;
  const operations = records.map(({ _id, ...replacement }): AnyBulkWriteOperation<InstanceRecord> => ({
    replaceOne: { filter: { _id }, replacement, upsert: true },
  }));
  for (let round = 0; round < MAX_REPLACE_ROUNDS; round++) {
    const result = await chunkedBulkWrite(collection, operations, maxStatementsPerCommand, fence);
    // Every statement either matched or inserted, unless one was refused; a round again is
    // harmless, since each statement writes the same whole document.
    if (!result.refusedDuplicate && result.matchedCount + result.upsertedCount === records.length) return;
  }
  throw new MongoStoreWriteError(`Snapshot replacements did not settle after ${MAX_REPLACE_ROUNDS} rounds`);
}
