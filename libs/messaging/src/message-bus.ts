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
  /**
   * When the message was appended, epoch ms (Kafka's record timestamp: the producer's create
   * time). Part of the record, so the same on every delivery: the engine applies a command at it.
   */
  readonly timestamp: number;
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
  /**
   * Commit the group's offsets at most this often, ms, instead of after every batch (Kafka: one
   * request to the group coordinator per commit). Closing commits what is pending; a crash or a
   * rebalance may deliver up to this long's batches again, so the handler must be idempotent.
   * Buses without a coordinator (in memory) commit at once regardless.
   * @default 0
   */
  readonly commitIntervalMs?: number;
  /**
   * How long the broker may hold a fetch to gather more messages, ms, instead of answering as soon
   * as one is there: fewer and larger batches for a consumer that can wait that long, which on a
   * lightly loaded Kafka saves a fetch, and for a transactional subscription a transaction, per
   * message. An idle consumer then fetches this often. Buses that hand messages over in process
   * (in memory) deliver at once regardless.
   * @default undefined (answered at the first message, or after the bus's long-poll wait)
   */
  readonly fetchLingerMs?: number;
}

/**
 * The output of one batch consumed with {@link TransactionalMessageBus.subscribeTransactional}:
 * what is produced through it is held back, and becomes visible together with the commit of the
 * batch's offsets, or not at all. Messages produced with the bus's own `produce` meanwhile are not
 * part of it (they are visible at once, as always).
 */
export interface BatchTransaction {
  /**
   * Adds messages to the transaction; nothing is sent before the commit. Resolves at once; it has
   * the shape of {@link MessageBus.produce} so that `produceTo` works on a transaction too. Rejects,
   * adding none of `messages`, for a value JSON cannot carry and once `commit()` was called.
   */
  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * Makes the messages produced so far and the commit of the batch's offsets visible, atomically;
   * resolves once they are. When it rejects, nothing of it is visible and the batch is delivered
   * again. Calling it is optional (the bus commits when the handler resolves), but a handler that
   * keeps state derived from the batch (the engine's instances in memory) should: an implicit commit
   * that fails redelivers a batch the handler believes done, whereas an awaited `commit()` lets it
   * drop that state first. Later calls return the first call's promise.
   */
  commit(): Promise<void>;
}

/** Options of {@link TransactionalMessageBus.subscribeTransactional}; the others are subscribe()'s. */
export interface TransactionalSubscribeOptions extends Omit<SubscribeOptions, 'eachBatch'> {
  /**
   * Handles one batch, producing its effects through `transaction`. When it resolves the bus commits
   * the transaction (unless the handler did); when it rejects, or the commit fails, nothing produced
   * through `transaction` becomes visible, the group's offset stays, and the same batch is delivered
   * again after a back-off, as with subscribe(). A rejection after a successful `commit()` is
   * reported but does not undo it: the batch counts as handled. Batches of one partition never
   * overlap and come in order.
   */
  eachBatch(batch: MessageBatch, transaction: BatchTransaction): Promise<void>;
  /**
   * Asked when this member starts consuming a partition it did not hold before (after a join of the
   * group gave it the partition, before that partition's first batch), with the group's committed
   * offset for it (the offset of the next message the group has not handled). Resolving to an offset
   * below it makes the bus deliver the messages from there up to (not including) the committed offset
   * to `replayBatch` first — read committed, in order, in batches, outside any transaction, committing
   * nothing — and then go on with `eachBatch` from the committed offset. Resolving undefined (or an
   * offset not below the committed one) replays nothing. Not asked when the group has no committed
   * offset for the partition. A rejection is handled like a failed batch: asked again after a back-off.
   *
   * Asked at once after the join, also for a partition with no new messages. A member that kept the
   * partition across the join is not asked again, unless it cannot tell that nobody else handled the
   * partition meanwhile: its transaction was fenced, or (Kafka) the committed offset moved past its
   * own last commit. The replay starts at the oldest message the bus still keeps when the offset is
   * older (Kafka's retention, the in-memory bus's `retainedMessages`). Requires `replayBatch`.
   */
  replayFrom?(partition: number, committedOffset: number): Promise<number | undefined>;
  /**
   * Handles messages below the committed offset that `replayFrom` asked for. Invalid messages (those
   * that went to the dead-letter topic the first time) are left out, not dead-lettered again. A
   * rejection delivers the same messages again after a back-off, as for eachBatch. Requires
   * `replayFrom`.
   */
  replayBatch?(batch: MessageBatch): Promise<void>;
  /**
   * Resolves once what the handler still does for batches it already committed is done (a handler
   * that lets a batch's commit resolve it before writing down what the batch did). The Kafka bus
   * asks it before its member joins the group again (a rebalance) or leaves it (close), so that a
   * partition goes to its next owner only once this one no longer writes for it. The in-memory bus
   * does not ask it (the engine lets batches run ahead of their writes on Kafka only).
   */
  settle?(): Promise<void>;
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

/**
 * A bus that also consumes and produces exactly once (DESIGN §3.4): each batch is handled in a
 * transaction that carries the batch's output and its offset commit. A separate method rather than
 * a flag of subscribe(), so that a handler's signature says which guarantee it gets, and wrappers
 * and doubles of {@link MessageBus} written for subscribe() cannot drop the transaction unnoticed.
 */
export interface TransactionalMessageBus extends MessageBus {
  /**
   * Subscribes like subscribe(), but each batch is handled in a {@link BatchTransaction}. Consumers
   * of every subscription of either kind read committed messages only, so the output of a failed
   * transaction is never delivered.
   *
   * On Kafka each partition this member holds gets a transactional producer whose id is
   * `${groupId}.${topic}.${partition}`: the partition's next owner initialises the same id and so
   * fences the previous one, whose transactions fail from then on. A replica that lost a partition
   * (paused, cut off, too slow for the rebalance) cannot make anything visible for it; its batch
   * rejects, and it leaves the partition alone until the group has rebalanced.
   */
  subscribeTransactional(options: TransactionalSubscribeOptions): Promise<Subscription>;
}
