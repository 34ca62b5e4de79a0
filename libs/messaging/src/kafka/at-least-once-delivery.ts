// Delivery for subscribe(): dead letters first, then the handler, then the consumer commits the
// offsets (at-least-once). A commit that fails after the handler succeeded is only logged: the
// partition was usually revoked meanwhile, and its next owner reads the batch again.
import type { EachBatchPayload } from 'kafkajs';
import type { OutgoingMessage, SubscribeOptions } from '../message-bus';
import type { BatchDelivery, DeliveryResult } from './batch-delivery';
import type { DecodedBatch } from './decode-batch';
import type { KafkaBusLogger } from './kafka-logger';

const handled: DeliveryResult = { handled: true };

export class AtLeastOnceDelivery implements BatchDelivery {
  constructor(
    private readonly options: Pick<SubscribeOptions, 'groupId' | 'eachBatch'>,
    /** Produces dead letters to the DLQ; resolves once they are acknowledged. */
    private readonly sendDeadLetters: (letters: readonly OutgoingMessage[]) => Promise<void>,
    private readonly log: KafkaBusLogger,
  ) {}

  async deliver(payload: EachBatchPayload, { messages, deadLetters }: DecodedBatch): Promise<DeliveryResult> {
    const { topic, partition } = payload.batch;
    if (deadLetters.length > 0) await this.sendDeadLetters(deadLetters);
    if (messages.length > 0) await this.options.eachBatch({ topic, partition, messages });
    await this.commit(payload);
    return handled;
  }

  assigned(): void {
    // Nothing is kept per partition.
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async commit(payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch;
    const lastOffset = payload.batch.lastOffset();
    payload.resolveOffset(lastOffset);
    const next = (BigInt(lastOffset) + 1n).toString();
    try {
      // The explicit form commits even while the consumer is stopping (close waits for this).
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: next }] }],
      });
    } catch (error) {
      // Usually the partition was revoked by a rebalance during the batch: its next owner reads the
      // batch again from the last commit, and consumers de-duplicate (e.g. by command id).
      this.log(
        'warn',
        `commit of ${topic}[${partition}] at ${next} for group ${this.options.groupId} failed; the batch may be delivered again`,
        { error },
      );
    }
  }
}
