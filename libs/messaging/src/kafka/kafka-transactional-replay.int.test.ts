// The replay hook of KafkaBus transactional subscriptions against the real broker (`npm run
// infra:up`): a partition's next owner is handed the committed messages between the offset it asks
// for and the group's committed offset (never those of an aborted transaction) before eachBatch
// goes on from the committed offset, and the replay produces and commits nothing.
import { Kafka, logLevel } from 'kafkajs';
import { topicName, topics } from '@baton/topics';
import type { ConsumedMessage, MessageBus, TransactionalSubscribeOptions } from '../message-bus';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus-options';
import { kafkaTestScope, uniqueName, waitFor, waitForAnswer } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers, clientId: 'kafka-replay-test-admin', prefixName: 'krp' });
const testTimeoutMs = 60_000;

/** A bus under the test's prefix, with group timings short enough for joins of about a second. */
const heartbeatIntervalMs = 300;

function testBus(name: string, options: Partial<KafkaBusOptions> = {}): KafkaBus {
  return scope.track(
    new KafkaBus({
      brokers,
      clientId: `kafka-replay-test-${name}`,
      topicPrefix: scope.prefix,
      defaultPartitions: 1,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      heartbeatIntervalMs,
      maxWaitTimeMs: 200,
      retryDelayMs: 50,
      logLevel: 'error',
      logger: (level, message, extra) => {
        if (process.env['KAFKA_BUS_TEST_LOGS']) console.log(name, level, message, extra);
      },
      ...options,
    }),
  );
}

/** A plain (read-committed) subscription from the beginning that keeps what it receives. */
async function observe(bus: MessageBus, topic: string): Promise<ConsumedMessage[]> {
  const messages: ConsumedMessage[] = [];
  await bus.subscribe({
    topic,
    groupId: uniqueName('observer'),
    fromBeginning: true,
    eachBatch: (batch) => {
      messages.push(...batch.messages);
      return Promise.resolve();
    },
  });
  return messages;
}

/** The group's committed offset of a partition, -1 for none. */
async function committedOffset(groupId: string, topic: string, partition = 0): Promise<number> {
  const [offsets] = await scope.admin.fetchOffsets({ groupId, topics: [topic] });
  return Number(offsets?.partitions.find((entry) => entry.partition === partition)?.offset ?? -1);
}

/** Writes `values` to `topic` in a transaction of a producer of its own, and aborts it. */
async function produceAborted(topic: string, values: readonly unknown[]): Promise<void> {
  const producer = new Kafka({
    brokers,
    clientId: 'kafka-replay-test-raw',
    logLevel: logLevel.NOTHING,
  }).producer({
    transactionalId: uniqueName('raw'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: values.map((value) => ({ key: 'k', value: JSON.stringify(value) })),
    });
    await aborted.abort();
  } finally {
    await producer.disconnect();
  }
}

const offsetsOf = (messages: readonly ConsumedMessage[]) => messages.map((message) => message.offset);

/** A handler that keeps what it was handed, and does nothing else. */
function keeping(
  into: ConsumedMessage[],
): (batch: { messages: readonly ConsumedMessage[] }) => Promise<void> {
  return (batch) => {
    into.push(...batch.messages);
    return Promise.resolve();
  };
}

describe('KafkaBus transactional subscriptions: replay', () => {
  it(
    'hands the next owner the committed messages from its offset up to the committed one, without an aborted transaction, then eachBatch from there',
    async () => {
      const [input, output] = [`${scope.prefix}in`, `${scope.prefix}out`];
      const groupId = uniqueName('engine');
      const first = testBus('first');
      await first.ensureTopics([{ name: input }, { name: output }]);
      const committedInput = await observe(first, input);
      const seen = await observe(first, output);

      // The first owner answers every input on `out`, and follows each original up on `in` (so that
      // its transactions' markers take offsets of `in` too).
      const firstHandled: ConsumedMessage[] = [];
      const owner = await first.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: async (batch, transaction) => {
          await transaction.produce(
            output,
            batch.messages.map((message) => ({ key: 'k', value: { by: 'first', for: message.value } })),
          );
          const originals = batch.messages.filter((message) => typeof message.value === 'number');
          await transaction.produce(
            input,
            originals.map((message) => ({ key: 'k', value: { followUp: message.value } })),
          );
          firstHandled.push(...batch.messages);
        },
      });
      await first.produce(
        input,
        [0, 1, 2].map((n) => ({ key: 'k', value: n })),
      );
      await produceAborted(input, [{ aborted: 1 }, { aborted: 2 }]);
      await first.produce(
        input,
        [3, 4, 5].map((n) => ({ key: 'k', value: n })),
      );
      await waitFor(() => firstHandled.length >= 12, 'the six originals and their six follow-ups');
      await waitFor(() => committedInput.length >= 12, 'the committed messages of `in` at the observer');
      await owner.close();
      // The broker writes a transaction's markers after it answered the commit, so the group's
      // offset becomes readable a moment after close(): wait for it to pass the last message.
      const lastInput = committedInput.at(-1)!.offset;
      await waitForAnswer(
        async () => (await committedOffset(groupId, input)) > lastInput,
        'the group offset past the last committed message',
      );
      const committed = await committedOffset(groupId, input);
      // Everything committed on `in` was handled; the aborted messages and the markers took offsets.
      expect(offsetsOf(firstHandled).sort((a, b) => a - b)).toEqual(offsetsOf(committedInput));
      expect(committedInput.at(-1)!.offset).toBeGreaterThan(committedInput.length + 2);

      const next = testBus('next');
      const asked: (readonly [number, number])[] = [];
      const replayed: ConsumedMessage[] = [];
      const handled: ConsumedMessage[] = [];
      await next.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        replayFrom: (partition, committedOffset) => {
          asked.push([partition, committedOffset]);
          return Promise.resolve(1);
        },
        replayBatch: keeping(replayed),
        eachBatch: async (batch, transaction) => {
          handled.push(...batch.messages);
          await transaction.produce(
            output,
            batch.messages.map((message) => ({ key: 'k', value: { by: 'next', for: message.value } })),
          );
        },
      });
      const expected = committedInput.filter((message) => message.offset >= 1);
      await waitFor(() => replayed.length >= expected.length, 'the replay');
      expect(asked).toEqual([[0, committed]]);
      expect(replayed.map((message) => [message.offset, message.value])).toEqual(
        expected.map((message) => [message.offset, message.value]),
      );
      expect(replayed.filter((message) => JSON.stringify(message.value).includes('aborted'))).toEqual([]);
      // The replay committed nothing, and produced nothing: the output is still the first owner's.
      expect(await committedOffset(groupId, input)).toBe(committed);
      expect(seen.every((message) => (message.value as { by: string }).by === 'first')).toBe(true);

      await next.produce(input, [{ key: 'k', value: 'later' }]);
      await waitFor(() => handled.length >= 1, 'the later message at eachBatch');
      await waitFor(
        () => seen.some((message) => (message.value as { by: string }).by === 'next'),
        'the output of the later message',
      );
      expect(handled.map((message) => message.value)).toEqual(['later']);
      expect(handled[0]!.offset).toBeGreaterThanOrEqual(committed);
      expect(seen.filter((message) => (message.value as { by: string }).by === 'next')).toHaveLength(1);
      expect(replayed).toHaveLength(expected.length);
    },
    testTimeoutMs,
  );

  it(
    'splits a fetched batch that straddles the committed offset, and asks again when replayFrom rejects',
    async () => {
      const input = topicName(topics.engineCommands, scope.prefix);
      const groupId = uniqueName('engine');
      const command = (n: number) => ({
        type: 'CANCEL_INSTANCE',
        commandId: `c${n}`,
        processInstanceKey: '1',
      });
      const first = testBus('first');
      await first.ensureTopics([
        { name: input, partitions: 1 },
        { name: topicName(topics.deadLetters, scope.prefix), partitions: 1 },
      ]);
      const firstHandled: ConsumedMessage[] = [];
      const owner = await first.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: keeping(firstHandled),
      });
      // Offsets 0…4, the second an invalid command (it goes to the DLQ, and not to a replay).
      await first.produce(input, [
        { key: '1', value: command(0) },
        { key: '1', value: { type: 'CANCEL_INSTANCE' } },
        ...[2, 3, 4].map((n) => ({ key: '1', value: command(n) })),
      ]);
      await waitFor(() => firstHandled.length >= 4, 'the first owner’s batch');
      await owner.close();
      // Readable once the broker has written the transaction's markers, a moment after close().
      await waitForAnswer(async () => (await committedOffset(groupId, input)) === 5, 'the commit of 0…4');
      // Produced while nobody consumes: the next owner's first fetch from 1 holds offsets 1…9.
      await first.produce(
        input,
        [5, 6, 7, 8, 9].map((n) => ({ key: '1', value: command(n) })),
      );

      const next = testBus('next');
      let questions = 0;
      const calls: string[] = [];
      const call = (name: string) => (batch: { messages: readonly ConsumedMessage[] }) => {
        calls.push(`${name} ${offsetsOf(batch.messages).join()}`);
        return Promise.resolve();
      };
      const options: TransactionalSubscribeOptions = {
        topic: input,
        groupId,
        fromBeginning: true,
        replayFrom: () =>
          ++questions === 1 ? Promise.reject(new Error('cannot read the checkpoint')) : Promise.resolve(1),
        replayBatch: call('replayBatch'),
        eachBatch: call('eachBatch'),
      };
      await next.subscribeTransactional(options);
      await waitForAnswer(async () => (await committedOffset(groupId, input)) === 10, 'the commit of 5…9');
      expect(questions).toBe(2);
      expect(calls).toEqual(['replayBatch 2,3,4', 'eachBatch 5,6,7,8,9']);
    },
    testTimeoutMs,
  );

  it(
    'does not ask a member that keeps its partition when another joins, and asks it again when it gets one back',
    async () => {
      const input = `${scope.prefix}in`;
      const groupId = uniqueName('engine');
      const first = testBus('first');
      await first.ensureTopics([{ name: input, partitions: 2 }]);
      // Both partitions get a committed offset: a first member handles a message on each.
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
      const partitionOf = (key: string) => first.partitionForKey(key, 2);
      const [key0, key1] = [
        keys.find((key) => partitionOf(key) === 0)!,
        keys.find((key) => partitionOf(key) === 1)!,
      ];
      const firstHandled: ConsumedMessage[] = [];
      const owner = await first.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: keeping(firstHandled),
      });
      await first.produce(input, [
        { key: key0, value: 'p0' },
        { key: key1, value: 'p1' },
      ]);
      await waitFor(() => firstHandled.length >= 2, 'the first member’s batches');
      await owner.close();

      const member = (name: string) => {
        const asked: number[] = [];
        const replayed: ConsumedMessage[] = [];
        const held: number[][] = [];
        const bus = testBus(name);
        const subscribe = () =>
          bus.subscribeTransactional({
            topic: input,
            groupId,
            fromBeginning: true,
            replayFrom: (partition) => {
              asked.push(partition);
              return Promise.resolve(0);
            },
            replayBatch: keeping(replayed),
            eachBatch: () => Promise.resolve(),
            onAssignment: (partitions) => held.push([...partitions]),
          });
        return { asked, replayed, held, subscribe };
      };
      const keeper = member('keeper');
      await keeper.subscribe();
      await waitFor(() => keeper.replayed.length >= 2, 'the keeper’s replay of both partitions');
      expect([...keeper.asked].sort()).toEqual([0, 1]);

      const joiner = member('joiner');
      const joined = await joiner.subscribe();
      await waitFor(() => joiner.replayed.length >= 1, 'the joiner’s replay of its partition');
      await waitFor(() => keeper.held.at(-1)?.length === 1, 'the keeper’s new assignment');
      const [kept] = keeper.held.at(-1)!;
      expect(joiner.asked).toEqual([1 - kept!]);
      expect(keeper.asked).toHaveLength(2);

      await joined.close();
      await waitFor(() => keeper.asked.length >= 3, 'the keeper asked for the partition it got back');
      expect(keeper.asked[2]).toBe(1 - kept!);
      await waitFor(() => keeper.replayed.length >= 3, 'the keeper’s replay of the partition it got back');
      expect(keeper.replayed.map((message) => message.value).sort()).toEqual(
        ['p0', 'p1', kept === 0 ? 'p1' : 'p0'].sort(),
      );
    },
    testTimeoutMs,
  );

  it(
    'goes on with a replay in progress where it was when the member keeps the partition across a join',
    async () => {
      const input = `${scope.prefix}in`;
      const groupId = uniqueName('engine');
      const first = testBus('first');
      await first.ensureTopics([{ name: input, partitions: 2 }]);
      const keyOn = (partition: number) =>
        Array.from({ length: 50 }, (_, index) => `key-${index}`).find(
          (key) => first.partitionForKey(key, 2) === partition,
        )!;
      const firstHandled: ConsumedMessage[] = [];
      const owner = await first.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: keeping(firstHandled),
      });
      // One produce per message: a record batch each, so that a small fetch holds one message.
      const perPartition = 40;
      for (let index = 0; index < perPartition; index++)
        await first.produce(input, [
          { key: keyOn(0), value: index },
          { key: keyOn(1), value: index },
        ]);
      await waitFor(() => firstHandled.length >= 2 * perPartition, 'the first member’s batches');
      await owner.close();

      // The keeper replays one message per batch; its first replayed batch lets a second member join
      // and ends once the keeper's next heartbeat fails (the rebalance began an interval before), so
      // that the join comes in the middle of both replays.
      const keeperReplayed: ConsumedMessage[] = [];
      const keeperAsked: number[] = [];
      const keeperHeld: number[][] = [];
      let joining: Promise<unknown> | undefined;
      const joinerReplayed: ConsumedMessage[] = [];
      const joiner = testBus('joiner');
      const joinerAsked: number[] = [];
      const startJoiner = () =>
        joiner.subscribeTransactional({
          topic: input,
          groupId,
          fromBeginning: true,
          replayFrom: (partition) => {
            joinerAsked.push(partition);
            return Promise.resolve(0);
          },
          replayBatch: keeping(joinerReplayed),
          eachBatch: () => Promise.resolve(),
        });
      const keeper = testBus('keeper', { maxBytesPerPartition: 1 });
      await keeper.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        replayFrom: (partition) => {
          keeperAsked.push(partition);
          return Promise.resolve(0);
        },
        replayBatch: async (batch) => {
          keeperReplayed.push(...batch.messages);
          if (joining) return;
          joining = startJoiner();
          await waitForAnswer(async () => {
            const { groups } = await scope.admin.describeGroups([groupId]);
            return groups[0]?.state === 'PreparingRebalance';
          }, 'the rebalance to begin');
          const rebalanceSeenAt = Date.now();
          await waitFor(() => Date.now() >= rebalanceSeenAt + heartbeatIntervalMs, 'a heartbeat interval');
        },
        eachBatch: () => Promise.resolve(),
        onAssignment: (partitions) => keeperHeld.push([...partitions]),
      });
      await waitFor(() => joining !== undefined, 'the first replayed batch');
      await joining;
      await waitFor(() => keeperHeld.at(-1)?.length === 1, 'the keeper’s new assignment');
      const [kept] = keeperHeld.at(-1)!;
      const replayedOf = (messages: readonly ConsumedMessage[], partition: number) =>
        messages.filter((message) => message.partition === partition).map((message) => message.value);
      const all = Array.from({ length: perPartition }, (_, index) => index);
      await waitFor(
        () => replayedOf(keeperReplayed, kept!).length >= perPartition,
        'the keeper’s whole replay of the partition it kept',
      );
      await waitFor(() => joinerReplayed.length >= perPartition, 'the joiner’s replay');
      // Each message of the kept partition once, in order, though the join came in the middle.
      expect(replayedOf(keeperReplayed, kept!)).toEqual(all);
      expect(replayedOf(keeperReplayed, 1 - kept!).length).toBeLessThan(perPartition);
      expect(replayedOf(joinerReplayed, 1 - kept!)).toEqual(all);
      expect([...keeperAsked].sort()).toEqual([0, 1]);
      expect(joinerAsked).toEqual([1 - kept!]);
    },
    testTimeoutMs,
  );
});
