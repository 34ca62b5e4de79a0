// One subscription = one kafkajs consumer in the caller's group. Offsets are resolved and
// committed by hand, only after the handler's promise resolves (at-least-once); a rejected batch
// is not committed, its partition is rewound to the batch's first offset and paused for a
// back-off, while the other partitions of the subscription go on.
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { TopicDefinition } from '@baton/topics';
import type { OutgoingMessage, SubscribeOptions, Subscription } from '../message-bus';
import { decodeBatch } from './decode-batch';
import type { KafkaBusOptionsWithDefaults } from './kafka-bus-options';
import type { KafkaBusLogger } from './kafka-logger';
import type { StartOffset } from './pin-start-offsets';

/** What a subscription needs from its bus. */
export interface SubscriptionContext {
  readonly kafka: Kafka;
  readonly options: KafkaBusOptionsWithDefaults;
  readonly log: KafkaBusLogger;
  /** The catalogue schema of the topic, if it has one. */
  readonly schema: TopicDefinition['schema'] | undefined;
  /** Produces dead letters of this topic to the DLQ; resolves once they are acknowledged. */
  readonly sendDeadLetters: (letters: readonly OutgoingMessage[]) => Promise<void>;
  /** Partitions handled at the same time. */
  readonly concurrency: number;
  /** Deletes a consumer group from the cluster (see {@link SubscribeOptions.deleteGroupOnClose}). */
  readonly deleteGroup: (groupId: string) => Promise<void>;
  /** Called once the subscription is closed, so the bus forgets it. */
  readonly onClosed: (subscription: KafkaSubscription) => void;
}

/** A live kafkajs consumer delivering batches to a {@link SubscribeOptions.eachBatch} handler. */
export class KafkaSubscription implements Subscription {
  private readonly consumer: Consumer;
  /** Consecutive failed attempts per partition, for the back-off. */
  private readonly failures = new Map<number, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly context: SubscriptionContext,
    private readonly subscribeOptions: SubscribeOptions,
    private readonly startAt: readonly StartOffset[],
  ) {
    const { options } = context;
    this.consumer = context.kafka.consumer({
      groupId: subscribeOptions.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: options.rebalanceTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      maxWaitTimeInMs: options.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = payload.memberAssignment[subscribeOptions.topic] ?? [];
      subscribeOptions.onAssignment?.([...assigned].sort((a, b) => a - b));
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      const level = payload.restart ? 'warn' : 'error';
      const what = payload.restart ? 'restarting it' : 'it stays stopped';
      context.log(
        level,
        `consumer of ${subscribeOptions.topic} in group ${subscribeOptions.groupId} crashed; ${what}`,
        {
          error: payload.error,
        },
      );
    });
  }

  /**
   * Connects, joins the group and starts consuming; resolves once the consumer has joined.
   * `startAt`: partitions without a committed offset and where they start (pin-start-offsets.ts).
   */
  static async start(
    context: SubscriptionContext,
    subscribeOptions: SubscribeOptions,
    startAt: readonly StartOffset[] = [],
  ): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(context, subscribeOptions, startAt);
    try {
      await subscription.run();
    } catch (error) {
      await subscription.consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return subscription;
  }

  /** Lets the batches in flight finish and commit, then leaves the group. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.subscribeOptions.topic,
      fromBeginning: this.subscribeOptions.fromBeginning ?? false,
    });
    // run() resolves once the consumer has joined the group and received its partitions (or, when
    // joining failed, once kafkajs has logged the crash and scheduled a restart).
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.context.concurrency,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    await this.startAtPinnedOffsets();
  }

  /**
   * Moves the partitions that had no committed offset to where they were when subscribe() was
   * called, and commits that. A batch the first fetch may already hold is stale after the seek
   * (handleBatch drops it) and is fetched again from the pinned offset.
   */
  private async startAtPinnedOffsets(): Promise<void> {
    if (this.startAt.length === 0) return;
    const { topic } = this.subscribeOptions;
    for (const { partition, offset } of this.startAt) this.consumer.seek({ topic, partition, offset });
    await this.consumer.commitOffsets(
      this.startAt.map(({ partition, offset }) => ({ topic, partition, offset })),
    );
  }

  private async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    try {
      // kafkajs stops fetching, waits for the batches in flight (which commit themselves), then
      // leaves the group so that the partitions move to the other members at once.
      await this.consumer.disconnect();
      if (this.subscribeOptions.deleteGroupOnClose) await this.deleteGroup();
    } finally {
      this.context.onClosed(this);
    }
  }

  /** Best effort: a group left behind costs the cluster a little, never correctness. */
  private async deleteGroup(): Promise<void> {
    const { groupId } = this.subscribeOptions;
    try {
      await this.context.deleteGroup(groupId);
    } catch (error) {
      this.context.log('warn', `could not delete the consumer group ${groupId} on close`, { error });
    }
  }

  /** Never throws: a thrown error would make kafkajs restart the whole consumer. */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    // Once closing, batches queued behind the ones in flight are left to the partition's next owner.
    if (this.closing || !payload.isRunning() || payload.isStale()) return;
    const { topic, partition } = batch;
    const keepAlive = setInterval(() => {
      // A failed heartbeat means a rebalance; kafkajs rejoins after this batch, nothing to do here.
      payload
        .heartbeat()
        .catch((error: unknown) =>
          this.context.log('debug', 'heartbeat during a batch failed', { topic, partition, error }),
        );
    }, this.context.options.heartbeatIntervalMs);
    try {
      const { messages, deadLetters } = decodeBatch(topic, partition, batch.messages, this.context.schema);
      if (deadLetters.length > 0) await this.context.sendDeadLetters(deadLetters);
      if (messages.length > 0) await this.subscribeOptions.eachBatch({ topic, partition, messages });
    } catch (error) {
      this.retryLater(payload, error);
      return;
    } finally {
      clearInterval(keepAlive);
    }
    this.failures.delete(partition);
    await this.commit(payload);
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
      this.context.log(
        'warn',
        `commit of ${topic}[${partition}] at ${next} for group ${this.subscribeOptions.groupId} failed; the batch may be delivered again`,
        {
          error,
        },
      );
    }
  }

  /** Rewinds the partition to the batch's first offset and pauses it for a back-off. */
  private retryLater(payload: EachBatchPayload, error: unknown): void {
    const { batch } = payload;
    const { topic, partition } = batch;
    const attempt = this.failures.get(partition) ?? 0;
    this.failures.set(partition, attempt + 1);
    const { retryDelayMs, maxRetryDelayMs } = this.context.options;
    const delayMs = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** attempt);
    const firstOffset = batch.firstOffset() ?? batch.lastOffset();
    this.context.log(
      'error',
      `batch of ${topic}[${partition}] from offset ${firstOffset} for group ${this.subscribeOptions.groupId} failed; delivering it again in ${delayMs} ms`,
      { error },
    );
    if (this.closing) return;
    try {
      this.consumer.seek({ topic, partition, offset: firstOffset });
    } catch (seekError) {
      // Only when the consumer is being torn down; its partitions are re-read from the last commit.
      this.context.log('warn', `cannot rewind ${topic}[${partition}]`, { error: seekError });
      return;
    }
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delayMs);
    this.resumeTimers.add(timer);
  }
}
