// Delivery for subscribe(): dead letters first, then the handler, then the consumer commits the
// offsets (at-least-once). A commit that fails after the handler succeeded is only logged: the
// partition was usually revoked meanwhile, and its next owner reads the batch again.
//
// With `commitIntervalMs`, the offsets of handled batches are committed at most that often (with
// a later batch, or by a timer once the partition is quiet) rather than after every batch: an
// offset commit is a request to the group coordinator, and a consumer of small batches (the job
// results relay) otherwise sends one per batch. Closing commits what is pending before the
// consumer leaves the group; a crash or a rebalance may deliver up to an interval's batches again.
import type { EachBatchPayload } from 'kafkajs';
import type { OutgoingMessage, SubscribeOptions } from '../message-bus';
import type { BatchDelivery, DeliveryResult } from './batch-delivery';
import type { DecodedBatch } from './decode-batch';
import type { KafkaBusLogger } from './kafka-logger';

const handled: DeliveryResult = { handled: true };

type CommitOffsets = EachBatchPayload['commitOffsetsIfNecessary'];

export class AtLeastOnceDelivery implements BatchDelivery {
  /** Per partition, the offset after its last handled batch, not yet committed. */
  private readonly pending = new Map<number, string>();
  private topic = '';
  /** The commit function of the latest batch: the timer and closing commit through it. */
  private committer: CommitOffsets | undefined;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly intervalMs: number;

  constructor(
    private readonly options: Pick<SubscribeOptions, 'groupId' | 'eachBatch' | 'commitIntervalMs'>,
    /** Produces dead letters to the DLQ; resolves once they are acknowledged. */
    private readonly sendDeadLetters: (letters: readonly OutgoingMessage[]) => Promise<void>,
    private readonly log: KafkaBusLogger,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalMs = options.commitIntervalMs ?? 0;
  }

  async deliver(payload: EachBatchPayload, { messages, deadLetters }: DecodedBatch): Promise<DeliveryResult> {
    const { topic, partition } = payload.batch;
    if (deadLetters.length > 0) await this.sendDeadLetters(deadLetters);
    if (messages.length > 0) await this.options.eachBatch({ topic, partition, messages });
    const lastOffset = payload.batch.lastOffset();
    payload.resolveOffset(lastOffset);
    this.topic = topic;
    this.committer = (offsets) => payload.commitOffsetsIfNecessary(offsets);
    this.pending.set(partition, (BigInt(lastOffset) + 1n).toString());
    if (this.closing || this.now() - this.lastCommitAt >= this.intervalMs) await this.commitPending();
    else this.timer ??= setTimeout(() => void this.commitPending(), this.intervalMs).unref();
    return handled;
  }

  assigned(partitions: readonly number[]): void {
    // A partition gone to another member is committed by it from now on.
    for (const partition of this.pending.keys())
      if (!partitions.includes(partition)) this.pending.delete(partition);
  }

  /** Commits what is pending while the consumer is still in the group; later batches commit at once. */
  beforeStop(): Promise<void> {
    this.closing = true;
    return this.commitPending();
  }

  close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return Promise.resolve();
  }

  private async commitPending(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const commit = this.committer;
    if (!commit || this.pending.size === 0) return;
    const partitions = [...this.pending].map(([partition, offset]) => ({ partition, offset }));
    this.pending.clear();
    this.lastCommitAt = this.now();
    try {
      // The explicit form commits even while the consumer is stopping (close waits for this).
      await commit({ topics: [{ topic: this.topic, partitions }] });
    } catch (error) {
      // Usually the partition was revoked by a rebalance meanwhile: its next owner reads the
      // batches again from the last commit, and consumers de-duplicate (e.g. by command id).
      this.log(
        'warn',
        `commit of ${partitions.map(({ partition, offset }) => `${this.topic}[${partition}] at ${offset}`).join(', ')} for group ${this.options.groupId} failed; those batches may be delivered again`,
        { error },
      );
    }
  }
}
