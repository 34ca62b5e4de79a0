// How a Kafka subscription hands a decoded batch to its handler and commits it, one way per
// guarantee: at least once (the consumer commits after the handler) or in a transaction (the
// batch's output and offsets together, transactional-delivery.ts). The subscription around it
// does the rest alike: fetching, heartbeats, rewinding and pausing a partition after a failure.
import type { EachBatchPayload } from 'kafkajs';
import type { DecodedBatch } from './decode-batch';
import type { GroupMember } from './kafka-group-requests';

/** What became of a batch that did not fail. */
export type DeliveryResult =
  | { readonly handled: true }
  /**
   * Not handled: the group's committed offset is already past the batch's first offset (a previous
   * owner of the partition committed it meanwhile); the partition is to be read from `resumeAt`.
   */
  | { readonly handled: false; readonly resumeAt: string }
  /** Not handled, and left alone: a rewind of its partition is pending, which fetches it again. */
  | { readonly handled: false; readonly stale: true };

/**
 * Moves a partition's fetch position between batches: its next batch is read from `offset`. For a
 * delivery that places a partition when it is assigned, before any batch of it comes.
 */
export type Rewind = (partition: number, offset: string) => void;

export interface BatchDelivery {
  /** Hands the batch to the handler and commits it; rejects when it is to be delivered again. */
  deliver(payload: EachBatchPayload, decoded: DecodedBatch): Promise<DeliveryResult>;
  /** Told the partitions this member holds after each join of the group, and who it is in it. */
  assigned(partitions: readonly number[], rewind: Rewind, member: GroupMember): void;
  /** Called as closing begins, while the consumer is still in the group (commits left pending). */
  beforeStop?(): Promise<void>;
  /** Releases what the delivery holds; called once the consumer has stopped. */
  close(): Promise<void>;
}
