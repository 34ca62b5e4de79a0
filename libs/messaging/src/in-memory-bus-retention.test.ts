import { InMemoryBus } from './in-memory-bus';
import type { ConsumedMessage, MessageBatch } from './message-bus';

/** Collects consumed messages; `until(n)` resolves once n arrived, or rejects after a deadline. */
function collector() {
  const messages: ConsumedMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    messages,
    eachBatch: (batch: MessageBatch) => {
      messages.push(...batch.messages);
      for (const waiter of waiters) if (messages.length >= waiter.count) waiter.resolve();
      return Promise.resolve();
    },
    until: (count: number, timeoutMs = 2000) =>
      new Promise<void>((resolve, reject) => {
        if (messages.length >= count) return resolve();
        waiters.push({ count, resolve });
        setTimeout(
          () => reject(new Error(`only ${messages.length} of ${count} messages arrived`)),
          timeoutMs,
        ).unref();
      }),
  };
}

const values = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ key: 'k', value: from + i }));

describe('InMemoryBus retention', () => {
  let bus: InMemoryBus;
  afterEach(() => bus.close());

  it('keeps the last retainedMessages consumed messages for a group that joins later from the beginning', async () => {
    bus = new InMemoryBus({ partitions: 1, topicPrefix: '', retainedMessages: 300 });
    const first = collector();
    await bus.subscribe({ topic: 't', groupId: 'first', eachBatch: first.eachBatch, fromBeginning: true });
    await bus.produce('t', values(2000));
    await first.until(2000);
    // The offset is committed once the handler's promise has resolved.
    await new Promise((resolve) => setImmediate(resolve));

    const late = collector();
    await bus.subscribe({ topic: 't', groupId: 'late', eachBatch: late.eachBatch, fromBeginning: true });
    await bus.produce('t', values(1, 2000));
    await late.until(301);
    const received = late.messages.map((message) => message.value as number);
    // Between `retained` and twice that are kept; offsets keep counting from the first message.
    expect(received.length).toBeGreaterThanOrEqual(301);
    expect(received.length).toBeLessThanOrEqual(601);
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => 2001 - received.length + i));
    expect(late.messages.map((message) => message.offset)).toEqual(received);
  });

  it('never drops a message a group has not consumed, even while the group has no member', async () => {
    bus = new InMemoryBus({ partitions: 1, topicPrefix: '', retainedMessages: 0 });
    const fast = collector();
    const slow = collector();
    await bus.subscribe({ topic: 't', groupId: 'fast', eachBatch: fast.eachBatch, fromBeginning: true });
    const slowSubscription = await bus.subscribe({
      topic: 't',
      groupId: 'slow',
      eachBatch: slow.eachBatch,
      fromBeginning: true,
    });
    await slowSubscription.close();
    await bus.produce('t', values(1500));
    await fast.until(1500);

    const resumed = collector();
    await bus.subscribe({ topic: 't', groupId: 'slow', eachBatch: resumed.eachBatch });
    await resumed.until(1500);
    expect(resumed.messages.map((message) => message.value)).toEqual(
      Array.from({ length: 1500 }, (_, i) => i),
    );
  });

  it('keeps only the retained messages of a topic nobody consumes', async () => {
    bus = new InMemoryBus({ partitions: 1, topicPrefix: '', retainedMessages: 100 });
    await bus.produce('events', values(1000));
    const late = collector();
    await bus.subscribe({ topic: 'events', groupId: 'late', eachBatch: late.eachBatch, fromBeginning: true });
    await late.until(100);
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.messages.length).toBeLessThan(1000);
    expect(late.messages.at(-1)?.value).toBe(999);
    expect(late.messages[0]?.offset).toBe(late.messages[0]?.value);
  });
});
