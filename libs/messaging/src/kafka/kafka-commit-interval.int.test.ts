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

/** A fresh topic and group, subscribed with the interval; what it handled, in order. */
async function subscribeWithInterval(commitIntervalMs: number) {
  const bus = testBus();
  const topic = `${scope.prefix}results`;
  const groupId = uniqueName('relay');
  await bus.ensureTopics([{ name: topic, partitions: 1 }]);
  const handled: ConsumedMessage[] = [];
  const subscription = await bus.subscribe({
    topic,
    groupId,
    fromBeginning: true,
    commitIntervalMs,
    eachBatch: (batch) => {
      handled.push(...batch.messages);
      return Promise.resolve();
    },
  });
  /** Produces each value alone and waits until it is handled: one batch each. */
  const sendOneByOne = async (values: readonly number[]) => {
    for (const value of values) {
      const before = handled.length;
      await bus.produce(topic, [{ key: 'k', value }]);
      await waitFor(() => handled.length > before, `message ${value} handled`);
    }
  };
  return { topic, groupId, handled, subscription, sendOneByOne };
}

describe('KafkaBus subscribe with a commit interval', () => {
  it(
    'commits the first batch at once and the next ones together, at close at the latest',
    async () => {
      const { topic, groupId, handled, subscription, sendOneByOne } = await subscribeWithInterval(600_000);
      await sendOneByOne([0]);
      await waitForAnswer(async () => (await committedOffset(groupId, topic)) === 1, 'the first commit');
      await sendOneByOne([1, 2, 3]);
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
      const { topic, groupId, sendOneByOne } = await subscribeWithInterval(500);
      await sendOneByOne([0, 1, 2]);
      await waitForAnswer(async () => (await committedOffset(groupId, topic)) === 3, 'the timer’s commit');
    },
    testTimeoutMs,
  );
});
