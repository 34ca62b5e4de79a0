// The replica's bus with its commands stamped while the clock is pinned: every message this replica
// appends to the commands topic (REST operations, timers, job results, follow-up commands in a
// batch's transaction) carries the pinned time in a header, which the owner applies it at. Nothing
// else changes: records keep the producer's real timestamp, so Kafka's time-based retention and
// lag metrics stay true, and every other topic is left as it is.
import type {
  BatchTransaction,
  OutgoingMessage,
  TransactionalMessageBus,
  TransactionalSubscribeOptions,
} from '@baton/messaging';
import { pinnedClockHeader, type EngineClock } from './engine-clock';

export function stampPinnedClock(
  bus: TransactionalMessageBus,
  commandsTopic: string,
  clock: EngineClock,
): TransactionalMessageBus {
  const stamped = (topic: string, messages: readonly OutgoingMessage[]): readonly OutgoingMessage[] => {
    const pinnedAt = clock.pinnedAt();
    if (pinnedAt === undefined || topic !== commandsTopic) return messages;
    const header = { [pinnedClockHeader]: String(pinnedAt) };
    return messages.map((message) => ({ ...message, headers: { ...message.headers, ...header } }));
  };
  const stampedTransaction = (transaction: BatchTransaction): BatchTransaction =>
    withProduce(transaction, (topic, messages) => transaction.produce(topic, stamped(topic, messages)));
  const wrapped = withProduce(bus, (topic, messages) => bus.produce(topic, stamped(topic, messages)));
  return new Proxy(wrapped, {
    get(target, property, receiver) {
      if (property !== 'subscribeTransactional') return Reflect.get(target, property, receiver) as unknown;
      return (options: TransactionalSubscribeOptions) =>
        bus.subscribeTransactional({
          ...options,
          eachBatch: (batch, transaction) => options.eachBatch(batch, stampedTransaction(transaction)),
        });
    },
  });
}

type Produce = (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>;

/**
 * `target` with its `produce` replaced; a proxy, so that whatever else the adapter offers
 * (partitionForKey, ensureTopics, …) stays, bound to the adapter itself. The bound methods are
 * made once per method, not on every read: the runtime reads partitionForKey for every command.
 */
function withProduce<T extends { produce: Produce }>(target: T, produce: Produce): T {
  const bound = new Map<PropertyKey, { readonly method: unknown; readonly bound: unknown }>();
  return new Proxy(target, {
    get(inner, property) {
      if (property === 'produce') return produce;
      const value: unknown = Reflect.get(inner, property, inner);
      if (typeof value !== 'function') return value;
      const known = bound.get(property);
      // The adapter's own method still (a property replaced since gets a new binding).
      if (known !== undefined && known.method === value) return known.bound;
      const made = (value as (...args: unknown[]) => unknown).bind(inner);
      bound.set(property, { method: value, bound: made });
      return made;
    },
  });
}
