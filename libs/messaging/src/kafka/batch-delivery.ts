// How a Kafka subscription hands a decoded batch to its handler and commits it, one way per
// guarantee: at least once (the consumer commits after the handler) or in a transaction (the
// batch's output and offsets together, transactional-delivery.ts). The subscription around it
// does the rest alike: fetching, heartbeats, rewinding and pausing a partition after a failure.
import type { EachBatchPayload } from 'kafkajs';
import type { DecodedBatch } from './decode-batch';

/** What became of a batch that did not fail. */
export type DeliveryResult =
  | { readonly handled: true }
  /**
   * Not handled: the group's committed offset is already past the batch's first offset (a previous
   * owner of the partition committed it meanwhile); the partition is to be read from `resumeAt`.
   */
  | { readonly handled: false; readonly resumeAt: string };

export interface BatchDelivery {
  /** Hands the batch to the handler and commits it; rejects when it is to be delivered again. */
  deliver(payload: EachBatchPayload, decoded: DecodedBatch): Promise<DeliveryResult>;
  /** Told the partitions this member holds after each join of the group. */
  assigned(partitions: readonly number[]): void;
  /** Releases what the delivery holds; called once the consumer has stopped. */
  close(): Promise<void>;
}
