// The embedded bus (DESIGN §3.5): partitioned topics in memory with Kafka's consumer-group
// semantics: a key always maps to one partition, a partition is consumed one batch at a time in
// offset order, offsets are committed per group after a batch, and delivery is asynchronous.
import { findTopic, topicName, topics, type DeadLetterMessage } from '@baton/topics';
import { withStandardHeaders } from './headers';
import type {
  ConsumedMessage,
  MessageBatch,
  MessageBus,
  MessageHeaders,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './message-bus';
import { partitionForKey } from './partitioner';

/** Options of {@link InMemoryBus}. */
export interface InMemoryBusOptions {
  /**
   * Partitions of a topic the catalogue gives no count for.
   * @default 4
   */
  readonly partitions?: number;
  /**
   * Environment prefix of topic names, to find a topic's schema in the catalogue and to name the DLQ.
   * @default process.env.TOPIC_PREFIX ?? ''
   */
  readonly topicPrefix?: string;
  /**
   * Most messages handed to one `eachBatch` call.
   * @default 1000
   */
  readonly maxBatchSize?: number;
  /**
   * Called when a batch handler rejects (the batch is delivered again after a back-off).
   * @default logs to console.error
   */
  readonly onError?: (error: unknown, where: { topic: string; groupId: string; partition: number }) => void;
}

interface StoredMessage {
  readonly key: string;
  readonly value: unknown;
  readonly headers: MessageHeaders;
}

interface Member {
  readonly options: SubscribeOptions;
}

interface PartitionCursor {
  committed: number;
  running?: Promise<void>;
  retryTimer?: NodeJS.Timeout;
  failures: number;
}

interface ConsumerGroup {
  readonly groupId: string;
  readonly topic: string;
  members: Member[];
  readonly cursors: PartitionCursor[];
}

const maxRetryDelayMs = 5000;

/** The in-memory implementation of {@link MessageBus}. */
export class InMemoryBus implements MessageBus {
  private readonly defaultPartitions: number;
  private readonly topicPrefix: string;
  private readonly maxBatchSize: number;
  private readonly onError: NonNullable<InMemoryBusOptions['onError']>;
  private readonly logs = new Map<string, StoredMessage[][]>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private closed = false;

  constructor(options: InMemoryBusOptions = {}) {
    this.defaultPartitions = options.partitions ?? 4;
    this.topicPrefix = options.topicPrefix ?? process.env['TOPIC_PREFIX'] ?? '';
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.onError =
      options.onError ??
      ((error, where) => console.error(`InMemoryBus: batch of ${where.topic}[${where.partition}] for ${where.groupId} failed`, error));
  }

  /** Partition count of a topic (creating it if needed). */
  partitionCount(topic: string): number {
    return this.log(topic).length;
  }

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('InMemoryBus is closed'));
    const partitions = this.log(topic);
    const touched = new Set<number>();
    try {
      for (const message of messages) {
        const partition = partitionForKey(message.key, partitions.length);
        // A JSON round trip: consumers never share objects with producers, as over Kafka.
        const value: unknown = JSON.parse(JSON.stringify(message.value ?? null));
        partitions[partition]!.push({ key: message.key, value, headers: withStandardHeaders(message.headers) });
        touched.add(partition);
      }
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    for (const group of this.groups.values()) {
      if (group.topic !== topic) continue;
      for (const partition of touched) this.schedule(group, partition);
    }
    return Promise.resolve();
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) return Promise.reject(new Error('InMemoryBus is closed'));
    const partitions = this.log(options.topic);
    const groupKey = `${options.groupId}\u0000${options.topic}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      group = {
        groupId: options.groupId,
        topic: options.topic,
        members: [],
        cursors: partitions.map((messages) => ({ committed: options.fromBeginning ? 0 : messages.length, failures: 0 })),
      };
      this.groups.set(groupKey, group);
    }
    const member: Member = { options };
    const joined = group;
    joined.members.push(member);
    for (let partition = 0; partition < partitions.length; partition++) this.schedule(joined, partition);
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
    // Partitions move to the remaining members; wait for the batches in flight to finish.
    await Promise.all(group.cursors.flatMap((cursor) => (cursor.running ? [cursor.running] : [])));
    for (let partition = 0; partition < group.cursors.length; partition++) this.schedule(group, partition);
  }

  private log(topic: string): StoredMessage[][] {
    let partitions = this.logs.get(topic);
    if (!partitions) {
      const count = findTopic(topic, this.topicPrefix)?.partitions ?? this.defaultPartitions;
      partitions = Array.from({ length: count }, () => []);
      this.logs.set(topic, partitions);
    }
    return partitions;
  }

  /** Starts draining a partition for a group on a later turn, unless a drain is already under way. */
  private schedule(group: ConsumerGroup, partition: number): void {
    const cursor = group.cursors[partition];
    if (!cursor || cursor.running || cursor.retryTimer || this.closed || group.members.length === 0) return;
    if (cursor.committed >= this.log(group.topic)[partition]!.length) return;
    cursor.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain(group, partition, cursor))
      .finally(() => {
        cursor.running = undefined;
        this.schedule(group, partition);
      });
  }

  /** Delivers batches of whatever accumulated until the partition is caught up or a batch fails. */
  private async drain(group: ConsumerGroup, partition: number, cursor: PartitionCursor): Promise<void> {
    const log = this.log(group.topic)[partition]!;
    while (!this.closed && cursor.committed < log.length) {
      const member = group.members[partition % group.members.length];
      if (!member) return;
      const end = Math.min(log.length, cursor.committed + this.maxBatchSize);
      const batch = await this.validBatch(group.topic, partition, cursor.committed, log.slice(cursor.committed, end));
      try {
        if (batch.messages.length > 0) await member.options.eachBatch(batch);
        cursor.committed = end;
        cursor.failures = 0;
      } catch (error) {
        this.onError(error, { topic: group.topic, groupId: group.groupId, partition });
        const delay = Math.min(maxRetryDelayMs, 50 * 2 ** cursor.failures++);
        cursor.retryTimer = setTimeout(() => {
          cursor.retryTimer = undefined;
          this.schedule(group, partition);
        }, delay);
        return;
      }
    }
  }

  /** Validates against the topic's catalogue schema; invalid messages go to the DLQ with the reason. */
  private async validBatch(topic: string, partition: number, firstOffset: number, stored: readonly StoredMessage[]): Promise<MessageBatch> {
    const schema = findTopic(topic, this.topicPrefix)?.schema;
    const messages: ConsumedMessage[] = [];
    const deadLetters: OutgoingMessage[] = [];
    stored.forEach((message, index) => {
      const offset = firstOffset + index;
      const parsed = schema ? schema.safeParse(message.value) : { success: true as const, data: message.value };
      if (parsed.success) {
        messages.push({ topic, partition, offset, key: message.key, value: parsed.data, headers: message.headers });
      } else {
        const letter: DeadLetterMessage = {
          topic,
          partition,
          key: message.key,
          reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
          value: message.value,
          headers: { ...message.headers },
        };
        deadLetters.push({ key: message.key, value: letter, headers: message.headers });
      }
    });
    const dlq = topicName(topics.deadLetters, this.topicPrefix);
    if (deadLetters.length > 0 && topic !== dlq) await this.produce(dlq, deadLetters);
    return { topic, partition, messages };
  }
}
