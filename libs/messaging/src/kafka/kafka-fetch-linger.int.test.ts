// subscribe() with fetchLingerMs against the real broker (`npm run infra:up`): messages produced
// one by one, a few milliseconds apart, arrive gathered in a few batches instead of one batch each.
import { KafkaBus } from './kafka-bus';
import { kafkaTestScope, uniqueName, waitFor } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers, clientId: 'kafka-linger-test-admin', prefixName: 'kfl' });

const messageCount = 20;

/** A bus of its own (idle fetches wait `maxWaitTimeMs`) and a new topic of one partition on it. */
async function busWithTopic(clientId: string, maxWaitTimeMs: number, topicName: string) {
  const bus = scope.track(
    new KafkaBus({
      brokers,
      clientId,
      topicPrefix: scope.prefix,
      defaultPartitions: 1,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      heartbeatIntervalMs: 300,
      maxWaitTimeMs,
      retryDelayMs: 50,
      logLevel: 'error',
    }),
  );
  const topic = `${scope.prefix}${uniqueName(topicName)}`;
  await bus.ensureTopics([{ name: topic, partitions: 1 }]);
  return { bus, topic };
}

/** Subscribes (with or without a linger), produces the messages one produce each, and counts the batches. */
async function batchesFor(fetchLingerMs: number | undefined): Promise<number> {
  const { bus, topic } = await busWithTopic('kafka-linger-test', 1000, 'events');
  const batchSizes: number[] = [];
  await bus.subscribe({
    topic,
    groupId: uniqueName('projector'),
    fromBeginning: true,
    ...(fetchLingerMs === undefined ? {} : { fetchLingerMs }),
    eachBatch: (batch) => {
      batchSizes.push(batch.messages.length);
      return Promise.resolve();
    },
  });
  const received = () => batchSizes.reduce((sum, size) => sum + size, 0);
  // The first message shows the consumer fetching; the rest are counted from there.
  await bus.produce(topic, [{ key: 'k', value: { index: 0 } }]);
  await waitFor(() => received() >= 1, 'the first message');
  const batchesBefore = batchSizes.length;
  for (let index = 1; index < messageCount; index++)
    await bus.produce(topic, [{ key: 'k', value: { index } }]);
  await waitFor(() => received() >= messageCount, `the ${messageCount} messages`);
  expect(received()).toBe(messageCount);
  return batchSizes.length - batchesBefore;
}

it('gathers messages produced one by one into a few batches with a linger, one batch each without', async () => {
  // Each produce waits for the broker's acknowledgement (a few ms), so the last 19 take well under
  // the second of the linger: two fetch windows at most, and a batch per window.
  expect(await batchesFor(1000)).toBeLessThanOrEqual(2);
  // Without it a fetch answers at the first message: far more batches (the contrast that shows the
  // linger, not the producer, made the difference).
  expect(await batchesFor(undefined)).toBeGreaterThan(5);
}, 60_000);

it('delivers the first message after a quiet spell without holding it for the linger', async () => {
  const lingerMs = 6000;
  const { bus, topic } = await busWithTopic('kafka-linger-idle-test', 500, 'idle');
  const arrivals: number[] = [];
  await bus.subscribe({
    topic,
    groupId: uniqueName('idle-projector'),
    fetchLingerMs: lingerMs,
    eachBatch: (batch) => {
      arrivals.push(...batch.messages.map(() => Date.now()));
      return Promise.resolve();
    },
  });
  // Nothing has come yet: the consumer's fetches wait for a first record, not for the linger.
  const sentAt = Date.now();
  await bus.produce(topic, [{ key: 'k', value: { index: 0 } }]);
  await waitFor(() => arrivals.length >= 1, 'the message');
  // A fetch held for the linger would answer 6 s after the subscription's first fetch began.
  expect(arrivals[0]! - sentAt).toBeLessThan(lingerMs / 2);
}, 60_000);
