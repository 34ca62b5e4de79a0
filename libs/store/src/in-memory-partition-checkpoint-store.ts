// The embedded partition checkpoint store: a map of topic and partition to offset.
import type { PartitionCheckpoint, PartitionCheckpointStore } from './partition-checkpoint-store';
import type { WriteFence } from './write-fence';

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

  set(topic: string, checkpoints: readonly PartitionCheckpoint[], fence?: WriteFence): Promise<void> {
    // In a then(): a fence that throws rejects the write, as a server's refusal would.
    return Promise.resolve().then(() => {
      fence?.();
      const ofTopic = this.offsets.get(topic) ?? new Map<number, number>();
      this.offsets.set(topic, ofTopic);
      for (const { partition, offset } of checkpoints)
        ofTopic.set(partition, Math.max(offset, ofTopic.get(partition) ?? offset));
    });
  }
}
