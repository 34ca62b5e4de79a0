// The bus port: what services need from Kafka, and nothing more. The in-memory bus implements
// it for the embedded default; the kafkajs adapter implements the same contract.

/** Message headers; `messageId` and `traceparent` are always present on consumed messages. */
export type MessageHeaders = Readonly<Record<string, string>>;

/** A message to produce. The value must be JSON-serialisable. */
export interface OutgoingMessage {
  /** Partitioning key: messages with the same key keep their order. */
  readonly key: string;
  readonly value: unknown;
  readonly headers?: MessageHeaders;
}

/** A message as a consumer receives it. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  /** The value, already validated against the topic's schema (catalogue) when it has one. */
  readonly value: unknown;
  readonly headers: MessageHeaders;
}

/** The messages of one partition, in offset order. */
export interface MessageBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
}

export interface SubscribeOptions {
  readonly topic: string;
  /** Consumers sharing a group id share the partitions: each partition goes to one of them. */
  readonly groupId: string;
  /**
   * Handles one batch. The group's offset for the partition is committed when it resolves; when it
   * rejects, the same batch is delivered again later (at-least-once). Batches of one partition never
   * overlap and come in order; different partitions may be processed concurrently.
   */
  eachBatch(batch: MessageBatch): Promise<void>;
  /**
   * Where a group with no committed offset starts: the first message, or only the ones produced
   * after subscribe() was called (a consumer that restarts later still starts there).
   * @default false
   */
  readonly fromBeginning?: boolean;
  /**
   * Told the partitions this member holds after each join of the group (a rebalance), e.g. to log
   * when a replica takes over the partitions of one that died. Optional for buses with no groups.
   */
  onAssignment?(partitions: readonly number[]): void;
  /**
   * The group is this subscription's alone (named after a replica, say): delete it from the
   * cluster when the subscription closes, so that the groups of replicas long gone do not pile up
   * (a rolling update names new ones). A replica that dies without closing leaves its group
   * behind; the broker drops its offsets after `offsets.retention.minutes`.
   * @default false
   */
  readonly deleteGroupOnClose?: boolean;
}

/** A live subscription; closing it waits for its in-flight batches. */
export interface Subscription {
  close(): Promise<void>;
}

/** A topic to create when missing; without `partitions` the bus chooses its default. */
export interface TopicRequest {
  readonly name: string;
  readonly partitions?: number;
}

export interface MessageBus {
  /** Appends messages; resolves once they are durably accepted (never waits for consumers). */
  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Creates missing topics; a no-op for buses that need none. Existing topics are left as they are,
   * and concurrent calls (from several replicas) are safe.
   */
  ensureTopics?(topics: readonly TopicRequest[]): Promise<void>;
  /**
   * The partition this bus's producer puts a message with `key` on, for a topic of `partitionCount`
   * partitions: lets a service tell which keys belong to the partitions it was assigned. Absent:
   * the FNV-1a hash of partitioner.ts, which the in-memory bus uses.
   */
  partitionForKey?(key: string, partitionCount: number): number;
  /** Closes every subscription (waiting for in-flight batches) and the producer. */
  close(): Promise<void>;
}
