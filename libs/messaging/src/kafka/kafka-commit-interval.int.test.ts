// subscribe() with commitIntervalMs against the real broker (`npm run infra:up`): handled batches
// are committed with a later batch or by a timer, not one request each, and closing commits what
// is pending before the consumer leaves the group.
import type { ConsumedMessage } from '../message-bus';
import { KafkaBus } from './kafka-bus';
import { kafkaTestScope, uniqueName, waitFor, waitForAnswer } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers, clientId: 'kafka-commit-test-admin', prefixName: 'kci' });
const testTimeoutMs = 60_000;

function testBus(): KafkaBus {
  return scope.track(
    new KafkaBus({
      brokers,
      clientId: 'kafka-commit-test',
      topicPrefix: scope.prefix,
      defaultPartitions: 1,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      heartbeatIntervalMs: 300,
      maxWaitTimeMs: 200,
      retryDelayMs: 50,
      logLevel: 'error',
    }),
  );
}

/** The group's committed offset of partition 0, -1 for none. */
async function committedOffset(groupId: string, topic: string): Promise<number> {
  const [offsets] = await scope.admin.fetchOffsets({ groupId, topics: [topic] });
  return Number(offsets?.partitions.find((entry) => entry.partition === 0)?.offset ?? -1);
}

describe('KafkaBus subscribe with a commit interval', () => {
  it(
    'commits the first batch at once and the next ones together, at close at the latest',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}results`;
      const groupId = uniqueName('relay');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const handled: ConsumedMessage[] = [];
      const subscription = await bus.subscribe({
        topic,
        groupId,
        fromBeginning: true,
        commitIntervalMs: 600_000,
        eachBatch: (batch) => {
          handled.push(...batch.messages);
          return Promise.resolve();
        },
      });
      await bus.produce(topic, [{ key: 'k', value: 0 }]);
      await waitForAnswer(async () => (await committedOffset(groupId, topic)) === 1, 'the first commit');
      for (const value of [1, 2, 3]) {
        await bus.produce(topic, [{ key: 'k', value }]);
        await waitFor(() => handled.length > value, `message ${value} handled`);
      }
      // Handled, within the interval: not committed yet.
      expect(await committedOffset(groupId, topic)).toBe(1);
      await subscription.close();
      // The broker answered the commit before close() resolved.
      expect(await committedOffset(groupId, topic)).toBe(4);
      expect(handled.map((message) => message.value)).toEqual([0, 1, 2, 3]);
    },
    testTimeoutMs,
  );

  it(
    'commits a quiet partition once the interval has passed',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}results`;
      const groupId = uniqueName('relay');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const handled: ConsumedMessage[] = [];
      await bus.subscribe({
        topic,
        groupId,
        fromBeginning: true,
        commitIntervalMs: 500,
        eachBatch: (batch) => {
          handled.push(...batch.messages);
          return Promise.resolve();
        },
      });
      for (const value of [0, 1, 2]) {
        await bus.produce(topic, [{ key: 'k', value }]);
        await waitFor(() => handled.length > value, `message ${value} handled`);
      }
      await waitForAnswer(async () => (await committedOffset(groupId, topic)) === 3, 'the timer’s commit');
    },
    testTimeoutMs,
  );
});
