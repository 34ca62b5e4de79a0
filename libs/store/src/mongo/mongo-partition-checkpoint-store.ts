// Partition checkpoints in MongoDB: one document per topic and partition, `_id` the two joined (the
// only filter FerretDB 1.24 serves from an index). Only a partition's owner sets its checkpoint;
// a set is an upsert by `_id` that only moves the offset forward ($max); the checkpoints of one call go in one
// command, cut in several only past the server's statements per command (10 on FerretDB).
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { PartitionCheckpoint, PartitionCheckpointStore } from '../partition-checkpoint-store';
import type { WriteFence } from '../write-fence';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { findByIds, type IdLookupOptions } from './id-lookups';
import { MongoStoreWriteError } from './mongo-errors';

export interface PartitionCheckpointRecord {
  /** `${topic}#${partition}`. */
  readonly _id: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

const idOf = (topic: string, partition: number) => `${topic}#${partition}`;

/** The MongoDB implementation of {@link PartitionCheckpointStore}. */
export class MongoPartitionCheckpointStore implements PartitionCheckpointStore {
  constructor(
    private readonly collection: Collection<PartitionCheckpointRecord>,
    /** How the ids are read and how many statements a command takes (see id-lookups.ts). */
    private readonly idLookups: IdLookupOptions,
  ) {}

  async get(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, number>> {
    const ids = partitions.map((partition) => idOf(topic, partition));
    const records = await findByIds(this.collection, ids, this.idLookups);
    return new Map(records.map((record) => [record.partition, record.offset]));
  }

  async set(topic: string, checkpoints: readonly PartitionCheckpoint[], fence?: WriteFence): Promise<void> {
    const operations = checkpoints.map(
      ({ partition, offset }): AnyBulkWriteOperation<PartitionCheckpointRecord> => ({
        updateOne: {
          filter: { _id: idOf(topic, partition) },
          // $max: never back (a former owner's late write); the filter stays on _id alone.
          update: { $set: { topic, partition }, $max: { offset } },
          upsert: true,
        },
      }),
    );
    // Two upserts inserting one new _id at once can be refused by the unique index (and FerretDB
    // then stops the command there): the second round finds the document and replaces it.
    for (let round = 0; round < 2; round++) {
      const result = await chunkedBulkWrite(
        this.collection,
        operations,
        this.idLookups.maxStatementsPerCommand,
        fence,
      );
      if (!result.refusedDuplicate) return;
    }
    throw new MongoStoreWriteError(`Checkpoints of ${topic} were refused twice as duplicates`);
  }
}
