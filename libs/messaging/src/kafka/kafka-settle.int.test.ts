// A transactional subscriber whose work outlives its batches' commits (the engine's snapshot
// writes, which run behind the commit) is asked to settle before its member joins the group again
// or leaves it: on the real broker, the partitions reach the next member only after it settled.
import { KafkaBus } from './kafka-bus';
import { kafkaTestScope, uniqueName, waitFor } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers, clientId: 'kafka-settle-test-admin', prefixName: 'kst' });

function testBus(name: string): KafkaBus {
  return scope.track(
    new KafkaBus({
      brokers,
      clientId: `kafka-settle-test-${name}`,
      topicPrefix: scope.prefix,
      defaultPartitions: 2,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 10_000,
      heartbeatIntervalMs: 300,
      maxWaitTimeMs: 200,
      retryDelayMs: 50,
    }),
  );
}

/** How long the first member's settling takes: the work it still does for committed batches. */
const settleMs = 1500;

it('hands partitions to a new member, and to the rest at close, only once the member settled', async () => {
  const topic = `${scope.prefix}in`;
  const groupId = uniqueName('engine');
  const first = testBus('first');
  await first.ensureTopics([{ name: topic, partitions: 2 }]);
  const settled: number[] = [];
  let settleCalls = 0;
  const firstHeld: number[][] = [];
  const firstSubscription = await first.subscribeTransactional({
    topic,
    groupId,
    fromBeginning: true,
    eachBatch: () => Promise.resolve(),
    onAssignment: (partitions) => firstHeld.push([...partitions]),
    settle: async () => {
      settleCalls++;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      settled.push(Date.now());
    },
  });
  await waitFor(() => firstHeld.at(-1)?.length === 2, 'the first member to hold both partitions');
  expect(settleCalls).toBe(0);

  const secondHeld: { at: number; partitions: number[] }[] = [];
  const second = testBus('second');
  const joinedAt = Date.now();
  await second.subscribeTransactional({
    topic,
    groupId,
    fromBeginning: true,
    eachBatch: () => Promise.resolve(),
    onAssignment: (partitions) => secondHeld.push({ at: Date.now(), partitions: [...partitions] }),
  });
  await waitFor(
    () => secondHeld.some(({ partitions }) => partitions.length > 0),
    'a partition at the second member',
    30_000,
  );
  expect(settleCalls).toBe(1);
  const firstHanded = secondHeld.find(({ partitions }) => partitions.length > 0)!;
  // The first member rejoined only after settling, so no partition moved before.
  expect(firstHanded.at).toBeGreaterThanOrEqual(settled[0]!);
  expect(settled[0]! - joinedAt).toBeGreaterThanOrEqual(settleMs);

  await firstSubscription.close();
  expect(settleCalls).toBe(2);
  await waitFor(
    () => secondHeld.at(-1)?.partitions.length === 2,
    'both partitions at the second member',
    30_000,
  );
  expect(secondHeld.at(-1)!.at).toBeGreaterThanOrEqual(settled[1]!);
}, 90_000);
