// The embedded bus (DESIGN §3.5): partitioned topics in memory with Kafka's consumer-group
// semantics: a key always maps to one partition, a partition is consumed one batch at a time in
// offset order, offsets are committed per group after a batch, and delivery is asynchronous.
// Transactional subscriptions append a batch's output in the same synchronous step that commits
// its offsets, so both are seen together or not at all.
// Like Kafka's retention, it forgets old messages, but only those every group has consumed.
import { AsyncResource } from 'node:async_hooks';
import { findTopic, topicName, topics } from '@baton/topics';
import { BufferedBatchTransaction, handleInTransaction } from './batch-transaction';
import { checkTopicValue, deadLetterMessage, type TopicSchema } from './dead-letters';
import { withStandardHeaders } from './headers';
import { jsonCopy } from './json-copy';
import {
  announceAssignments,
  lowestNeededOffset,
  type ConsumerGroup,
  type Member,
  type PartitionCursor,
  type ReadBatch,
} from './in-memory-groups';
import { replayStep } from './in-memory-replay';
import { PartitionLog, type StoredMessage } from './partition-log';
import type {
  ConsumedMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  TransactionalMessageBus,
  TransactionalSubscribeOptions,
} from './message-bus';
import type { InMemoryBusOptions } from './in-memory-bus-options';
import { partitionForKey } from './partitioner';
import { replayHandlers, type ReplayHandlers } from './replay-options';

export type { InMemoryBusOptions } from './in-memory-bus-options';

/** A topic's log and the groups consuming it. */
interface TopicLog {
  readonly partitions: PartitionLog[];
  readonly groups: ConsumerGroup[];
  /** The catalogue schema consumed values are validated against; undefined when the topic has none. */
  readonly schema: TopicSchema | undefined;
}

const maxRetryDelayMs = 5000;

/** A message as a partition keeps it: what a JSON round trip gives, as over Kafka. */
function toStoredMessage(message: OutgoingMessage, timestamp: number): StoredMessage {
  return {
    key: message.key,
    value: jsonCopy(message.value ?? null),
    headers: withStandardHeaders(message.headers),
    timestamp,
  };
}

/** The in-memory implementation of {@link TransactionalMessageBus}. */
export class InMemoryBus implements TransactionalMessageBus {
  private readonly configuredPartitions: number | undefined;
  private readonly clock: () => number;
  private readonly topicPrefix: string;
  private readonly maxBatchSize: number;
  private readonly retainedMessages: number;
  private readonly onError: NonNullable<InMemoryBusOptions['onError']>;
  private readonly logs = new Map<string, TopicLog>();
  private readonly groups = new Map<string, ConsumerGroup>();
  /** Partitions with messages to deliver, started together on the next turn of the event loop. */
  private ready: PartitionCursor[] = [];
  /**
   * Deliveries run in the bus's own async context, not in that of whoever produced first: what a
   * consumer does must not be attributed to a request that happened to produce (AsyncLocalStorage
   * request state, such as the trace of a REST call), as with Kafka, where consumers run apart.
   */
  private readonly deliveryScope = new AsyncResource('baton.in-memory-bus.delivery');
  private closed = false;

  constructor(options: InMemoryBusOptions = {}) {
    this.configuredPartitions = options.partitions;
    this.clock = options.clock ?? Date.now;
    this.topicPrefix = options.topicPrefix ?? '';
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.retainedMessages = options.retainedMessages ?? 100;
    this.onError =
      options.onError ??
      ((error, where) =>
        console.error(
          `InMemoryBus: batch of ${where.topic}[${where.partition}] for ${where.groupId} failed`,
          error,
        ));
  }

  /** FNV-1a, as produce() places keys. */
  partitionForKey(key: string, partitionCount: number): number {
    return partitionForKey(key, partitionCount);
  }

  /** Partition count of a topic (creating it if needed). */
  partitionCount(topic: string): number {
    return this.log(topic).partitions.length;
  }

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('InMemoryBus is closed'));
    // Copy every value before appending any: a value JSON cannot carry rejects the whole produce.
    let stored: StoredMessage[];
    try {
      const timestamp = this.clock();
      stored = messages.map((message) => toStoredMessage(message, timestamp));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.append(topic, stored);
    return Promise.resolve();
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.join(options, undefined, ({ batch, deadLetters }) => {
      const dlq = topicName(topics.deadLetters, this.topicPrefix);
      // The dead letters are produced first; a dead letter of the DLQ itself is dropped.
      const sent = deadLetters.length > 0 && batch.topic !== dlq ? this.produce(dlq, deadLetters) : undefined;
      if (batch.messages.length === 0) return sent;
      return sent ? sent.then(() => options.eachBatch(batch)) : options.eachBatch(batch);
    });
  }

  /**
   * A member that takes over a partition with a replay hook is handed the messages below the
   * committed offset first (in-memory-replay.ts), from the oldest message the partition keeps.
   */
  subscribeTransactional(options: TransactionalSubscribeOptions): Promise<Subscription> {
    let replay: ReplayHandlers | undefined;
    try {
      replay = replayHandlers(options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.join(options, replay, ({ batch, deadLetters }, commitOffsets) => {
      const dlq = topicName(topics.deadLetters, this.topicPrefix);
      const transaction = new BufferedBatchTransaction(
        (message) => toStoredMessage(message, this.clock()),
        (output) => {
          // One synchronous step: no consumer can see the output without the offsets, or the reverse.
          for (const { topic, records } of output) this.append(topic, records);
          commitOffsets();
          return Promise.resolve();
        },
      );
      return handleInTransaction(
        async () => {
          // The dead letters go in the transaction: once, however often the batch is delivered.
          if (deadLetters.length > 0 && batch.topic !== dlq) await transaction.produce(dlq, deadLetters);
          if (batch.messages.length > 0) await options.eachBatch(batch, transaction);
        },
        transaction,
        (error) =>
          this.onError(error, { topic: batch.topic, groupId: options.groupId, partition: batch.partition }),
      );
    });
  }

  /** Appends copied messages to their partitions and wakes the groups consuming them. */
  private append(topic: string, stored: readonly StoredMessage[]): void {
    const { partitions, groups } = this.log(topic);
    for (const message of stored) {
      const partition = partitionForKey(message.key, partitions.length);
      const log = partitions[partition]!;
      log.append(message);
      if (groups.length === 0) log.dropConsumed(log.endOffset, this.retainedMessages);
      for (const group of groups) this.schedule(group.cursors[partition]);
    }
  }

  private join(
    options: Omit<SubscribeOptions, 'eachBatch'>,
    replay: ReplayHandlers | undefined,
    consume: Member['consume'],
  ): Promise<Subscription> {
    if (this.closed) return Promise.reject(new Error('InMemoryBus is closed'));
    const log = this.log(options.topic);
    const groupKey = `${options.groupId}\u0000${options.topic}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      const created: ConsumerGroup = {
        groupId: options.groupId,
        topic: options.topic,
        members: [],
        cursors: [],
      };
      log.partitions.forEach((messages, partition) =>
        created.cursors.push({
          group: created,
          partition,
          committed: options.fromBeginning ? messages.firstOffset : messages.endOffset,
          offsetCommitted: !options.fromBeginning,
          queued: false,
          failures: 0,
        }),
      );
      this.groups.set(groupKey, created);
      log.groups.push(created);
      group = created;
    }
    const member: Member = { options, consume, replay, held: new Set() };
    const joined = group;
    joined.members.push(member);
    announceAssignments(joined);
    for (const cursor of joined.cursors) this.schedule(cursor);
    return Promise.resolve({ close: () => this.leave(joined, member) });
  }

  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const group of this.groups.values()) {
      group.members = [];
      for (const cursor of group.cursors) {
        if (cursor.retryTimer) clearTimeout(cursor.retryTimer);
        if (cursor.running) running.push(cursor.running);
      }
    }
    await Promise.all(running);
  }

  private async leave(group: ConsumerGroup, member: Member): Promise<void> {
    group.members = group.members.filter((other) => other !== member);
    announceAssignments(group);
    // Partitions move to the remaining members; wait for the batches in flight to finish.
    await Promise.all(group.cursors.flatMap((cursor) => (cursor.running ? [cursor.running] : [])));
    for (const cursor of group.cursors) this.schedule(cursor);
  }

  private log(topic: string): TopicLog {
    let log = this.logs.get(topic);
    if (!log) {
      const definition = findTopic(topic, this.topicPrefix);
      const count = this.configuredPartitions ?? definition?.partitions ?? 4;
      log = {
        partitions: Array.from({ length: count }, () => new PartitionLog()),
        groups: [],
        schema: definition?.schema,
      };
      this.logs.set(topic, log);
    }
    return log;
  }

  /**
   * Queues a partition of a group for draining on the next turn of the event loop, unless it is
   * already queued, being drained or waiting to retry. One setImmediate serves every partition
   * that became ready in the meantime.
   */
  private schedule(cursor: PartitionCursor | undefined): void {
    if (
      !cursor ||
      cursor.queued ||
      cursor.running ||
      cursor.retryTimer ||
      this.closed ||
      cursor.group.members.length === 0
    )
      return;
    const caughtUp = cursor.committed >= this.log(cursor.group.topic).partitions[cursor.partition]!.endOffset;
    if (caughtUp && !cursor.replay) return;
    cursor.queued = true;
    this.ready.push(cursor);
    if (this.ready.length === 1)
      setImmediate(() => this.deliveryScope.runInAsyncScope(this.startReadyDrains));
  }

  private readonly startReadyDrains = (): void => {
    const ready = this.ready;
    this.ready = [];
    for (const cursor of ready) {
      cursor.queued = false;
      if (this.closed) continue;
      const running = this.drain(cursor).then(
        () => this.drained(cursor),
        // drain() handles batch failures itself; anything else is a bug of the bus: report it.
        (error: unknown) => {
          this.onError(error, {
            topic: cursor.group.topic,
            groupId: cursor.group.groupId,
            partition: cursor.partition,
          });
          this.drained(cursor);
        },
      );
      cursor.running = running;
    }
  };

  private drained(cursor: PartitionCursor): void {
    cursor.running = undefined;
    this.schedule(cursor);
  }

  /**
   * Delivers batches of whatever accumulated until the partition is caught up or a batch fails; a
   * replay owed to the partition's holder comes first.
   */
  private async drain(cursor: PartitionCursor): Promise<void> {
    const { group, partition } = cursor;
    const topicLog = this.log(group.topic);
    const log = topicLog.partitions[partition]!;
    const replaySource = {
      log,
      read: (from: number, end: number) =>
        this.readBatch(group.topic, topicLog.schema, partition, log, from, end).batch,
      maxBatchSize: this.maxBatchSize,
    };
    while (!this.closed && (cursor.replay || cursor.committed < log.endOffset)) {
      const member = group.members[partition % group.members.length];
      if (!member) return;
      try {
        if (cursor.replay) {
          await replayStep(cursor, member, replaySource);
          cursor.failures = 0;
          continue;
        }
        const end = Math.min(log.endOffset, cursor.committed + this.maxBatchSize);
        const read = this.readBatch(group.topic, topicLog.schema, partition, log, cursor.committed, end);
        const commitOffsets = () => {
          cursor.committed = end;
          cursor.offsetCommitted = true;
          cursor.failures = 0;
          this.dropConsumed(topicLog, partition);
        };
        const consumed = member.consume(read, commitOffsets);
        if (consumed) await consumed;
        commitOffsets();
      } catch (error) {
        this.onError(error, { topic: group.topic, groupId: group.groupId, partition });
        const delay = Math.min(maxRetryDelayMs, 50 * 2 ** cursor.failures++);
        cursor.retryTimer = setTimeout(() => {
          cursor.retryTimer = undefined;
          this.schedule(cursor);
        }, delay);
        return;
      }
    }
  }

  /**
   * Applies the retention to a partition: what every group of the topic has consumed, and no replay
   * in progress still needs, may go.
   */
  private dropConsumed(topicLog: TopicLog, partition: number): void {
    let consumed = Number.POSITIVE_INFINITY;
    for (const group of topicLog.groups)
      consumed = Math.min(consumed, lowestNeededOffset(group.cursors[partition]!));
    topicLog.partitions[partition]!.dropConsumed(consumed, this.retainedMessages);
  }

  /**
   * The messages at offsets [from, end) of a partition, validated against the topic's catalogue
   * schema, and the dead letters, with the reason, of those that fail it.
   */
  private readBatch(
    topic: string,
    schema: TopicSchema | undefined,
    partition: number,
    log: PartitionLog,
    from: number,
    end: number,
  ): ReadBatch {
    const messages: ConsumedMessage[] = [];
    const deadLetters: OutgoingMessage[] = [];
    for (let offset = from; offset < end; offset++) {
      const message: StoredMessage = log.at(offset);
      const checked = checkTopicValue(schema, message.value);
      if (checked.valid) {
        messages.push({
          topic,
          partition,
          offset,
          timestamp: message.timestamp,
          key: message.key,
          value: checked.value,
          headers: message.headers,
        });
      } else {
        const source = { topic, partition, key: message.key, headers: message.headers };
        deadLetters.push(deadLetterMessage(source, checked.reason, message.value));
      }
    }
    return { batch: { topic, partition, messages }, deadLetters };
  }
}
