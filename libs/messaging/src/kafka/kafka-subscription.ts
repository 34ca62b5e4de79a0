// One subscription = one kafkajs consumer in the caller's group, reading committed messages only.
// Its BatchDelivery hands each batch over and commits it, only once the handler's promise resolves
// (at least once, or in a transaction); a rejected batch is not committed, its partition is rewound
// to the batch's first offset and paused for a back-off, while the other partitions go on. A
// partition whose transactional producer was fenced is rewound and paused until the group rebalances.
// A delivery may also move a partition it was just assigned (to where a replay starts).
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { TopicDefinition } from '@baton/topics';
import type { SubscribeOptions, Subscription } from '../message-bus';
import { registerLinger } from './adaptive-linger';
import type { BatchDelivery } from './batch-delivery';
import { decodeBatch } from './decode-batch';
import type { KafkaBusOptionsWithDefaults } from './kafka-bus-options';
import { KafkaProducerFencedError } from './kafka-errors';
import { generationOf, settleBeforeRejoining } from './kafka-group-fencing';
import type { KafkaBusLogger } from './kafka-logger';
import type { StartOffset } from './pin-start-offsets';

/** What a subscription of either kind is subscribed with, but for its handler (in its delivery). */
export type SubscriptionOptions = Omit<SubscribeOptions, 'eachBatch'> & {
  /** See TransactionalSubscribeOptions.settle. */
  settle?(): Promise<void>;
};

/** A partition paused after its producer was fenced, until the next join of the group. */
interface HeldPartition {
  readonly resume: () => void;
  readonly timer: NodeJS.Timeout;
}

/** What a subscription needs from its bus. */
export interface SubscriptionContext {
  readonly kafka: Kafka;
  readonly options: KafkaBusOptionsWithDefaults;
  readonly log: KafkaBusLogger;
  /** The catalogue schema of the topic, if it has one. */
  readonly schema: TopicDefinition['schema'] | undefined;
  /** Partitions handled at the same time. */
  readonly concurrency: number;
  /** Deletes a consumer group from the cluster (see {@link SubscribeOptions.deleteGroupOnClose}). */
  readonly deleteGroup: (groupId: string) => Promise<void>;
  /** Called once the subscription is closed, so the bus forgets it. */
  readonly onClosed: (subscription: KafkaSubscription) => void;
}

/** A live kafkajs consumer delivering batches through a {@link BatchDelivery}. */
export class KafkaSubscription implements Subscription {
  private readonly consumer: Consumer;
  /** Consecutive failed attempts per partition, for the back-off. */
  private readonly failures = new Map<number, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private readonly held = new Map<number, HeldPartition>();
  private closing: Promise<void> | undefined;
  /** Undoes the settle hook of the member id this consumer last joined with. */
  private unsettle: (() => void) | undefined;
  /** The marker of a lingering subscription's fetches (adaptive-linger.ts). */
  private readonly linger: ReturnType<typeof registerLinger> | undefined;

  private constructor(
    private readonly context: SubscriptionContext,
    private readonly subscribeOptions: SubscriptionOptions,
    private readonly delivery: BatchDelivery,
    private readonly startAt: readonly StartOffset[],
  ) {
    const { options } = context;
    // Lingering while records come; idle, a fetch waits for the first one as long as any other.
    this.linger =
      subscribeOptions.fetchLingerMs === undefined
        ? undefined
        : registerLinger(subscribeOptions.fetchLingerMs, options.maxWaitTimeMs);
    this.consumer = context.kafka.consumer({
      groupId: subscribeOptions.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: options.rebalanceTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      // A linger is a fetch that waits for more than there can be (minBytes) for at most that long.
      maxWaitTimeInMs: subscribeOptions.fetchLingerMs ?? options.maxWaitTimeMs,
      ...(this.linger ? { minBytes: this.linger.minBytes } : {}),
      maxBytesPerPartition: options.maxBytesPerPartition,
      allowAutoTopicCreation: false,
      // kafkajs's default, stated because exactly-once depends on it: the output of a transaction
      // that failed, or is still open, is never delivered.
      readUncommitted: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = [...(payload.memberAssignment[subscribeOptions.topic] ?? [])].sort((a, b) => a - b);
      this.releaseHeldPartitions();
      const { memberId } = payload;
      if (subscribeOptions.settle) {
        this.unsettle?.();
        this.unsettle = settleBeforeRejoining(
          memberId,
          () => subscribeOptions.settle?.() ?? Promise.resolve(),
        );
      }
      // Unknown only if the JoinGroup answer was not seen (fencing not installed): -1 lets the
      // coordinator check the member alone.
      const member = { memberId, generationId: generationOf(memberId) ?? -1 };
      delivery.assigned(assigned, (partition, offset) => this.rewind(partition, offset), member);
      subscribeOptions.onAssignment?.(assigned);
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
    subscribeOptions: SubscriptionOptions,
    delivery: BatchDelivery,
    startAt: readonly StartOffset[] = [],
  ): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(context, subscribeOptions, delivery, startAt);
    try {
      await subscription.run();
    } catch (error) {
      await subscription.consumer.disconnect().catch(() => undefined);
      await delivery.close();
      subscription.linger?.release();
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
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    try {
      await this.delivery.beforeStop?.();
      // kafkajs stops fetching, waits for the batches in flight (which commit themselves), then
      // leaves the group so that the partitions move to the other members at once.
      await this.consumer.disconnect();
      await this.delivery.close();
      if (this.subscribeOptions.deleteGroupOnClose) await this.deleteGroup();
    } finally {
      this.unsettle?.();
      this.linger?.release();
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
      const decoded = decodeBatch(topic, partition, batch.messages, this.context.schema);
      const result = await this.delivery.deliver(payload, decoded);
      if ('resumeAt' in result) this.consumer.seek({ topic, partition, offset: result.resumeAt });
    } catch (error) {
      if (error instanceof KafkaProducerFencedError) this.holdUntilRebalance(payload, error);
      else this.retryLater(payload, error);
      return;
    } finally {
      clearInterval(keepAlive);
    }
    this.failures.delete(partition);
  }

  /** Moves a partition's fetch position outside its batches (the delivery's replays). */
  private rewind(partition: number, offset: string): void {
    if (this.closing) return;
    const { topic } = this.subscribeOptions;
    try {
      this.consumer.seek({ topic, partition, offset });
    } catch (error) {
      // Only when the consumer is being torn down; its partitions are re-read from the last commit.
      this.context.log('warn', `cannot rewind ${topic}[${partition}] to ${offset}`, { error });
    }
  }

  /**
   * The partition has a new owner, which fenced this member's producer: trying the batch again here
   * would start a new producer and fence that owner in turn. So the partition is rewound and paused
   * until the group's next join, which follows soon (this member's heartbeat learns of the
   * rebalance). Should none come within a session timeout, this member is still the owner (the
   * coordinator would have dropped it otherwise; the fence came from elsewhere, a transaction that
   * timed out, say), and the partition resumes.
   */
  private holdUntilRebalance(payload: EachBatchPayload, error: KafkaProducerFencedError): void {
    const { topic, partition } = payload.batch;
    this.context.log(
      'warn',
      `${topic}[${partition}] has a new owner in group ${this.subscribeOptions.groupId}: the transaction of ${error.transactionalId} was fenced and nothing of the batch became visible; leaving the partition alone until the group rebalances`,
      { error: error.cause },
    );
    if (this.closing || this.held.has(partition)) return;
    const firstOffset = payload.batch.firstOffset() ?? payload.batch.lastOffset();
    try {
      this.consumer.seek({ topic, partition, offset: firstOffset });
    } catch {
      return; // the consumer is being torn down
    }
    const resume = payload.pause();
    const timer = setTimeout(() => this.release(partition), this.context.options.sessionTimeoutMs);
    this.held.set(partition, { resume, timer });
  }

  private releaseHeldPartitions(): void {
    for (const partition of [...this.held.keys()]) this.release(partition);
  }

  private release(partition: number): void {
    const held = this.held.get(partition);
    if (!held) return;
    this.held.delete(partition);
    clearTimeout(held.timer);
    held.resume();
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
