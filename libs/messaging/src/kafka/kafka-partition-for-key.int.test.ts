// KafkaBus.partitionForKey names the partition the broker really stores a keyed message on: what
// the engine's timer scheduler relies on to fire only the timers of the partitions it holds.
import { randomBytes } from 'node:crypto';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const prefix = `partition-for-key-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.`;

let bus: KafkaBus;
beforeAll(() => {
  bus = new KafkaBus({
    brokers,
    clientId: 'partition-for-key-test',
    topicPrefix: prefix,
    heartbeatIntervalMs: 300,
  });
});
afterAll(() => bus.close());

it('names the partition each keyed message is stored on', async () => {
  const topic = `${prefix}keys`;
  await bus.ensureTopics([{ name: topic, partitions: 8 }]);
  const keys = Array.from({ length: 40 }, (_, index) => String(2251799813685249 + index * 7919));
  await bus.produce(
    topic,
    keys.map((key) => ({ key, value: { key } })),
  );
  const stored = new Map<string, number>();
  let allArrived!: () => void;
  const arrived = new Promise<void>((resolve, reject) => {
    allArrived = resolve;
    setTimeout(() => reject(new Error(`only ${stored.size} of ${keys.length} arrived`)), 30_000).unref();
  });
  const subscription = await bus.subscribe({
    topic,
    groupId: `${prefix}group`,
    fromBeginning: true,
    eachBatch: (batch) => {
      for (const message of batch.messages) stored.set(message.key, batch.partition);
      if (stored.size === keys.length) allArrived();
      return Promise.resolve();
    },
  });
  await arrived;
  await subscription.close();
  expect(new Set(stored.values()).size).toBeGreaterThan(4);
  for (const key of keys) expect(bus.partitionForKey(key, 8)).toBe(stored.get(key));
}, 60_000);
