// The in-memory bus tells the members of a consumer group which partitions they hold, as Kafka's
// group join does, and which partition a key goes to: what a replica needs to pick out its own work.
import { InMemoryBus } from './in-memory-bus';
import type { MessageBatch } from './message-bus';

const TOPIC = 'assignment-test';

describe('InMemoryBus partition assignment', () => {
  let bus: InMemoryBus;
  beforeEach(() => {
    bus = new InMemoryBus({ partitions: 4, topicPrefix: '', onError: () => undefined });
  });
  afterEach(() => bus.close());

  it('tells each member its partitions when members join and leave', async () => {
    const first: number[][] = [];
    const second: number[][] = [];
    const ignore = () => Promise.resolve();
    const one = await bus.subscribe({
      topic: TOPIC,
      groupId: 'g',
      eachBatch: ignore,
      onAssignment: (partitions) => first.push([...partitions]),
    });
    const two = await bus.subscribe({
      topic: TOPIC,
      groupId: 'g',
      eachBatch: ignore,
      onAssignment: (partitions) => second.push([...partitions]),
    });
    expect(first).toEqual([
      [0, 1, 2, 3],
      [0, 2],
    ]);
    expect(second).toEqual([[1, 3]]);
    await one.close();
    expect(second).toEqual([
      [1, 3],
      [0, 1, 2, 3],
    ]);
    await two.close();
  });

  it('delivers a key on the partition partitionForKey names, to the member holding it', async () => {
    const keys = Array.from({ length: 20 }, (_, index) => `key-${index}`);
    const held = new Map<number, string>();
    const delivered = new Map<string, { partition: number; member: string }>();
    let allDelivered!: () => void;
    const done = new Promise<void>((resolve, reject) => {
      allDelivered = resolve;
      setTimeout(() => reject(new Error(`only ${delivered.size} keys delivered`)), 2000).unref();
    });
    for (const member of ['a', 'b']) {
      await bus.subscribe({
        topic: TOPIC,
        groupId: 'g',
        onAssignment: (partitions) => {
          for (const partition of partitions) held.set(partition, member);
        },
        eachBatch: (batch: MessageBatch) => {
          for (const message of batch.messages)
            delivered.set(message.key, { partition: batch.partition, member });
          if (delivered.size === keys.length) allDelivered();
          return Promise.resolve();
        },
      });
    }
    await bus.produce(
      TOPIC,
      keys.map((key) => ({ key, value: { key } })),
    );
    await done;
    for (const key of keys) {
      const partition = bus.partitionForKey(key, 4);
      expect(delivered.get(key)).toEqual({ partition, member: held.get(partition) });
    }
    expect(new Set([...delivered.values()].map((where) => where.member))).toEqual(new Set(['a', 'b']));
  });
});
