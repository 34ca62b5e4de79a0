import { AsyncLocalStorage } from 'node:async_hooks';
import { topics } from '@baton/topics';
import { InMemoryBus } from './in-memory-bus';
import type { ConsumedMessage, MessageBatch } from './message-bus';

/** Resolves once `count` messages were collected; rejects after a deadline. */
function collector(count: number, timeoutMs = 2000) {
  const messages: ConsumedMessage[] = [];
  const batches: MessageBatch[] = [];
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    setTimeout(
      () => reject(new Error(`only ${messages.length} of ${count} messages arrived`)),
      timeoutMs,
    ).unref();
  });
  return {
    messages,
    batches,
    done,
    eachBatch: (batch: MessageBatch) => {
      batches.push(batch);
      messages.push(...batch.messages);
      if (messages.length >= count) resolveDone();
      return Promise.resolve();
    },
  };
}

const command = (processInstanceKey: string, commandId: string) => ({
  type: 'CANCEL_INSTANCE',
  commandId,
  processInstanceKey,
});

describe('InMemoryBus', () => {
  let bus: InMemoryBus;
  beforeEach(() => {
    bus = new InMemoryBus({ partitions: 4, topicPrefix: '', onError: () => undefined });
  });
  afterEach(() => bus.close());

  it('keeps the order of one key, on one partition', async () => {
    const received = collector(60);
    await bus.subscribe({
      topic: 'orders',
      groupId: 'g',
      eachBatch: received.eachBatch,
      fromBeginning: true,
    });
    for (let i = 0; i < 20; i++) {
      await bus.produce(
        'orders',
        ['a', 'b', 'c'].map((key) => ({ key, value: { key, i } })),
      );
    }
    await received.done;
    for (const key of ['a', 'b', 'c']) {
      const ofKey = received.messages.filter((m) => m.key === key);
      expect(ofKey.map((m) => (m.value as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
    }
  });

  it('delivers asynchronously, with messageId and traceparent headers', async () => {
    const received = collector(1);
    await bus.subscribe({ topic: 't', groupId: 'g', eachBatch: received.eachBatch });
    await bus.produce('t', [{ key: 'k', value: { n: 1 }, headers: { processInstanceKey: '1' } }]);
    expect(received.messages).toHaveLength(0);
    await received.done;
    const headers = received.messages[0]!.headers;
    expect(headers['processInstanceKey']).toBe('1');
    expect(headers['messageId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('delivers outside the producer’s async context, as consumers of Kafka run apart from producers', async () => {
    const producerState = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      eachBatch: () => {
        seen.push(producerState.getStore());
        delivered();
        return Promise.resolve();
      },
    });
    await producerState.run('request-1', () => bus.produce('t', [{ key: 'k', value: { n: 1 } }]));
    await done;
    expect(seen).toEqual([undefined]);
  });

  it('gives a partition one batch at a time, then a batch of what accumulated meanwhile', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    const firstBatchHeld = new Promise<void>((resolve) => (release = resolve));
    let firstBatchStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstBatchStarted = resolve));
    const sizes: number[] = [];
    let total = 0;
    let allDone!: () => void;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    await bus.subscribe({
      topic: 'one-key',
      groupId: 'g',
      eachBatch: async (batch) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        sizes.push(batch.messages.length);
        if (sizes.length === 1) {
          firstBatchStarted();
          await firstBatchHeld;
        }
        inFlight--;
        total += batch.messages.length;
        if (total === 11) allDone();
      },
    });
    await bus.produce('one-key', [{ key: 'same', value: 0 }]);
    await started;
    await bus.produce(
      'one-key',
      Array.from({ length: 10 }, (_, i) => ({ key: 'same', value: i + 1 })),
    );
    release();
    await done;
    expect(maxInFlight).toBe(1);
    expect(sizes).toEqual([1, 10]);
  });

  it('sends messages that fail the topic schema to the DLQ with the reason, and goes on', async () => {
    const commands = collector(2);
    const deadLetters = collector(1);
    await bus.subscribe({ topic: topics.engineCommands, groupId: 'engine', eachBatch: commands.eachBatch });
    await bus.subscribe({ topic: topics.deadLetters, groupId: 'ops', eachBatch: deadLetters.eachBatch });
    await bus.produce(topics.engineCommands, [
      { key: '1', value: command('1', 'c1') },
      { key: '1', value: { type: 'CANCEL_INSTANCE', processInstanceKey: '1' } },
      { key: '1', value: command('1', 'c3') },
    ]);
    await Promise.all([commands.done, deadLetters.done]);
    expect(commands.messages.map((m) => (m.value as { commandId: string }).commandId)).toEqual(['c1', 'c3']);
    const letter = deadLetters.messages[0]!.value as { topic: string; reason: string; key: string };
    expect(letter.topic).toBe(topics.engineCommands);
    expect(letter.key).toBe('1');
    expect(letter.reason).toContain('commandId');
  });

  it('resumes a group from its committed offset after a re-subscribe', async () => {
    const first = collector(2);
    const subscription = await bus.subscribe({
      topic: 't',
      groupId: 'g',
      eachBatch: first.eachBatch,
      fromBeginning: true,
    });
    await bus.produce('t', [
      { key: 'k', value: 1 },
      { key: 'k', value: 2 },
    ]);
    await first.done;
    await subscription.close();
    await bus.produce('t', [{ key: 'k', value: 3 }]);
    const second = collector(1);
    await bus.subscribe({ topic: 't', groupId: 'g', eachBatch: second.eachBatch, fromBeginning: true });
    await second.done;
    expect(second.messages.map((m) => m.value)).toEqual([3]);
  });

  it('delivers a batch again when its handler fails', async () => {
    const attempts: unknown[][] = [];
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      eachBatch: (batch) => {
        attempts.push(batch.messages.map((m) => m.value));
        if (attempts.length === 1) return Promise.reject(new Error('store down'));
        delivered();
        return Promise.resolve();
      },
    });
    await bus.produce('t', [{ key: 'k', value: 'x' }]);
    await done;
    expect(attempts).toEqual([['x'], ['x']]);
  });

  it('shares partitions among the members of a group: each message reaches one member', async () => {
    const a = collector(0);
    const b = collector(0);
    await bus.subscribe({ topic: 't', groupId: 'shared', eachBatch: a.eachBatch });
    await bus.subscribe({ topic: 't', groupId: 'shared', eachBatch: b.eachBatch });
    const everything = collector(40);
    await bus.subscribe({ topic: 't', groupId: 'audit', eachBatch: everything.eachBatch });
    await bus.produce(
      't',
      Array.from({ length: 40 }, (_, i) => ({ key: `key-${i}`, value: i })),
    );
    await everything.done;
    await bus.close();
    const values = [...a.messages, ...b.messages].map((m) => m.value as number).sort((x, y) => x - y);
    expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(a.messages.length).toBeGreaterThan(0);
    expect(b.messages.length).toBeGreaterThan(0);
  });
});

describe('partitionForKey', () => {
  it('uses every partition for many keys', async () => {
    const { partitionForKey } = await import('./partitioner');
    const used = new Set(Array.from({ length: 200 }, (_, i) => partitionForKey(`${1000 + i}`, 4)));
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
  });

  it('stamps each message with the time its produce appended it, by the bus clock, the same for every group', async () => {
    let now = 1_000;
    const stamped = new InMemoryBus({ partitions: 1, topicPrefix: '', clock: () => now });
    const first = collector(2);
    const second = collector(2);
    for (const [groupId, sink] of [
      ['a', first],
      ['b', second],
    ] as const)
      await stamped.subscribe({
        topic: topics.engineCommands,
        groupId,
        fromBeginning: true,
        eachBatch: sink.eachBatch,
      });
    await stamped.produce(topics.engineCommands, [{ key: '1', value: command('1', 'c1') }]);
    now = 2_500;
    await stamped.produce(topics.engineCommands, [{ key: '1', value: command('1', 'c2') }]);
    await Promise.all([first.done, second.done]);
    expect(first.messages.map((message) => message.timestamp)).toEqual([1_000, 2_500]);
    expect(second.messages.map((message) => message.timestamp)).toEqual([1_000, 2_500]);
    await stamped.close();
  });
});
