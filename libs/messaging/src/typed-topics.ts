// Producing and consuming through a `TopicAddress<T>`: the value type comes from the topic's
// catalogue schema, so a producer cannot send a shape the topic does not carry and a consumer gets
// typed values without a cast of its own. The bus port stays untyped (its adapters move bytes);
// this is the one place where the consumed `unknown` becomes `T`, and that is sound because both
// buses validate every consumed value against the catalogue schema of its topic and send the ones
// that fail to the dead-letter topic (dead-letters.ts) before `eachBatch` sees them.
import type { TopicAddress } from '@baton/topics';
import type {
  BatchTransaction,
  ConsumedMessage,
  MessageBatch,
  MessageBus,
  MessageHeaders,
  SubscribeOptions,
  Subscription,
  TransactionalMessageBus,
  TransactionalSubscribeOptions,
} from './message-bus';

/** A message to produce on a topic carrying `T`. */
export interface TopicMessage<T> {
  readonly key: string;
  readonly value: T;
  readonly headers?: MessageHeaders;
}

/** A consumed message whose value satisfied its topic's schema. */
export interface TypedConsumedMessage<T> extends ConsumedMessage {
  readonly value: T;
}

/** The messages of one partition of a topic carrying `T`, in offset order. */
export interface TypedMessageBatch<T> extends MessageBatch {
  readonly messages: readonly TypedConsumedMessage<T>[];
}

export interface TypedSubscribeOptions<T> extends Omit<SubscribeOptions, 'topic' | 'eachBatch'> {
  eachBatch(batch: TypedMessageBatch<T>): Promise<void>;
}

export interface TypedTransactionalSubscribeOptions<T> extends Omit<
  TransactionalSubscribeOptions,
  'topic' | 'eachBatch' | 'replayBatch'
> {
  /** Produce the batch's effects with `produceTo(transaction, …)`. */
  eachBatch(batch: TypedMessageBatch<T>, transaction: BatchTransaction): Promise<void>;
  /** See {@link TransactionalSubscribeOptions.replayBatch}; the values typed as for eachBatch. */
  replayBatch?(batch: TypedMessageBatch<T>): Promise<void>;
}

/**
 * Appends messages to a topic, typed by what the topic carries. `bus` may be a batch's
 * {@link BatchTransaction}: the messages then join its transaction.
 */
export function produceTo<T>(
  bus: Pick<MessageBus, 'produce'>,
  topic: TopicAddress<T>,
  messages: readonly TopicMessage<T>[],
): Promise<void> {
  return bus.produce(topic.name, messages);
}

/** Subscribes to a topic; `eachBatch` receives values typed by the topic's schema. */
export function subscribeTo<T>(
  bus: Pick<MessageBus, 'subscribe'>,
  topic: TopicAddress<T>,
  options: TypedSubscribeOptions<T>,
): Promise<Subscription> {
  return bus.subscribe({
    ...options,
    topic: topic.name,
    // Validated by the bus against the catalogue schema of `topic` (see the file comment).
    eachBatch: (batch) => options.eachBatch(batch as TypedMessageBatch<T>),
  });
}

/**
 * Subscribes with a transaction per batch; `eachBatch` and `replayBatch` receive values typed by the
 * topic's schema.
 */
export function subscribeTransactionallyTo<T>(
  bus: Pick<TransactionalMessageBus, 'subscribeTransactional'>,
  topic: TopicAddress<T>,
  options: TypedTransactionalSubscribeOptions<T>,
): Promise<Subscription> {
  const replayBatch = options.replayBatch?.bind(options);
  return bus.subscribeTransactional({
    ...options,
    topic: topic.name,
    // Validated by the bus against the catalogue schema of `topic` (see the file comment); replayed
    // messages passed it too (the invalid ones are left out of a replay).
    eachBatch: (batch, transaction) => options.eachBatch(batch as TypedMessageBatch<T>, transaction),
    replayBatch: replayBatch && ((batch) => replayBatch(batch as TypedMessageBatch<T>)),
  });
}
