// The embedded partition checkpoint store: a map of topic and partition to offset.
import type { PartitionCheckpoint, PartitionCheckpointStore } from './partition-checkpoint-store';

/** The in-memory implementation of {@link PartitionCheckpointStore}. */
export class InMemoryPartitionCheckpointStore implements PartitionCheckpointStore {
  private readonly offsets = new Map<string, Map<number, number>>();

  get(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, number>> {
    const ofTopic = this.offsets.get(topic);
    const found = new Map<number, number>();
    for (const partition of partitions) {
      const offset = ofTopic?.get(partition);
      if (offset !== undefined) found.set(partition, offset);
    }
    return Promise.resolve(found);
  }

  set(topic: string, checkpoints: readonly PartitionCheckpoint[]): Promise<void> {
    const ofTopic = this.offsets.get(topic) ?? new Map<number, number>();
    this.offsets.set(topic, ofTopic);
    for (const { partition, offset } of checkpoints) ofTopic.set(partition, offset);
    return Promise.resolve();
  }
}
