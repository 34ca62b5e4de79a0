// The partition checkpoint port of the log-first runtime: per commands-topic partition, the offset
// below which every command is reflected in the stored instance documents. The owner of a partition
// sets it after a snapshot is written; a new owner reads it to know where its replay starts.

import type { WriteFence } from './write-fence';

/**
 * Where the snapshot of each commands-topic partition stands: every command below `offset` is
 * reflected in the stored documents.
 */
export interface PartitionCheckpoint {
  readonly partition: number;
  readonly offset: number;
}

export interface PartitionCheckpointStore {
  /** The checkpoints of these partitions of `topic` that exist. */
  get(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, number>>;
  /**
   * Moves them forward (only the partition's owner writes; a checkpoint never goes back, so a
   * late write of a former owner cannot undo its successor's), one command. `fence` is called
   * before each command; when it throws, the write stops there with its error.
   */
  set(topic: string, checkpoints: readonly PartitionCheckpoint[], fence?: WriteFence): Promise<void>;
}
