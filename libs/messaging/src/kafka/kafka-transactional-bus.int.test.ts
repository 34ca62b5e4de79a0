// Transactional subscriptions of KafkaBus against the real broker (`npm run infra:up`), seen by
// read-committed consumers: a batch's output appears with its offset commit or not at all, a replica
// that lost its partition cannot make anything visible, and aborted records are never delivered.
// Every test works under its own topic prefix and group names.
import { Kafka, logLevel } from 'kafkajs';
import { topicName, topics, type DeadLetterMessage } from '@baton/topics';
import type { ConsumedMessage, MessageBus, TransactionalSubscribeOptions } from '../message-bus';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus-options';
import type { KafkaBusLogLevel } from './kafka-logger';
import { kafkaTestScope, uniqueName, waitFor, waitForAnswer } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({
  brokers: brokers,
  clientId: 'kafka-transactional-test-admin',
  prefixName: 'ktx',
});
const testTimeoutMs = 60_000;

interface LogEntry {
  readonly bus: string;
  readonly level: KafkaBusLogLevel;
  readonly message: string;
}
let logs: LogEntry[];

/** A bus under the test's prefix, with group timings short enough for joins of about a second. */
function testBus(name = 'bus', options: Partial<KafkaBusOptions> = {}): KafkaBus {
  const bus = new KafkaBus({
    brokers,
    clientId: `kafka-transactional-test-${name}`,
    topicPrefix: scope.prefix,
    defaultPartitions: 2,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    maxWaitTimeMs: 200,
    retryDelayMs: 50,
    logger: (level, message, extra) => {
      logs.push({ bus: name, level, message });
      if (process.env['KAFKA_BUS_TEST_LOGS']) console.log(name, level, message, extra);
    },
    ...options,
  });
  return scope.track(bus);
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

const values = (messages: readonly ConsumedMessage[]) => messages.map((message) => message.value);

beforeEach(() => {
  logs = [];
});

describe('KafkaBus transactional subscriptions', () => {
  it(
    'makes the output visible with the offset commit: consumers see it, and the group resumes after the batch',
    async () => {
      const bus = testBus();
      const [input, output] = [`${scope.prefix}in`, `${scope.prefix}out`];
      const groupId = uniqueName('engine');
      await bus.ensureTopics([{ name: input }, { name: output }]);
      const seen = await observe(bus, output);
      const engine = await bus.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: async (batch, transaction) => {
          await transaction.produce(
            output,
            batch.messages.map((message) => ({ key: message.key, value: { for: message.value } })),
          );
        },
      });
      await bus.produce(
        input,
        Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: i })),
      );
      await waitFor(() => seen.length >= 5, 'the output of the 5 messages');
      expect(values(seen).sort((a, b) => (a as { for: number }).for - (b as { for: number }).for)).toEqual(
        Array.from({ length: 5 }, (_, i) => ({ for: i })),
      );
      // Offsets committed by the transactions, not by the consumer: the group's offsets are the ends.
      const committedTotal = async () => {
        const [offsets] = await scope.admin.fetchOffsets({ groupId, topics: [input] });
        return (offsets?.partitions ?? []).reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
      };
      await waitForAnswer(async () => (await committedTotal()) >= 5, 'the offsets of the 5 messages');
      expect(await committedTotal()).toBe(5);

      // The group's next member starts after the handled batches.
      await engine.close();
      const nextMember: unknown[] = [];
      await bus.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: (batch) => {
          nextMember.push(...values(batch.messages));
          return Promise.resolve();
        },
      });
      await bus.produce(input, [{ key: 'k0', value: 'later' }]);
      await waitFor(() => nextMember.length >= 1, 'the later message at the next member');
      expect(nextMember).toEqual(['later']);
    },
    testTimeoutMs,
  );

  it(
    'leaves nothing of a batch whose handler rejects visible, and delivers the batch again',
    async () => {
      const bus = testBus();
      const [input, output] = [`${scope.prefix}in`, `${scope.prefix}out`];
      await bus.ensureTopics([
        { name: input, partitions: 1 },
        { name: output, partitions: 1 },
      ]);
      const seen = await observe(bus, output);
      const attempts: number[][] = [];
      await bus.subscribeTransactional({
        topic: input,
        groupId: uniqueName('engine'),
        fromBeginning: true,
        eachBatch: async (batch, transaction) => {
          attempts.push(batch.messages.map((message) => message.offset));
          const attempt = attempts.length;
          await transaction.produce(
            output,
            batch.messages.map((message) => ({ key: 'k', value: { attempt, for: message.value } })),
          );
          if (attempt === 1) throw new Error('the store is down');
        },
      });
      await bus.produce(input, [
        { key: 'k', value: 'a' },
        { key: 'k', value: 'b' },
      ]);
      await waitFor(() => seen.length >= 2, 'the output of the second attempt');
      // Anything the first attempt had left would sit before this on the one partition.
      await bus.produce(output, [{ key: 'k', value: 'marker' }]);
      await waitFor(() => seen.length >= 3, 'the marker');
      // Delivered again until a transaction commits: usually the second attempt, but a busy broker
      // may still be finishing the first one's abort (CONCURRENT_TRANSACTIONS), failing one more.
      const committed = attempts.length;
      expect(committed).toBeGreaterThanOrEqual(2);
      expect(values(seen)).toEqual([
        { attempt: committed, for: 'a' },
        { attempt: committed, for: 'b' },
        'marker',
      ]);
      expect(attempts).toEqual(Array.from({ length: committed }, () => [0, 1]));
    },
    testTimeoutMs,
  );

  it(
    'commit() makes the output visible before the handler resolves; a rejection after it does not deliver the batch again',
    async () => {
      const bus = testBus();
      const [input, output] = [`${scope.prefix}in`, `${scope.prefix}out`];
      await bus.ensureTopics([
        { name: input, partitions: 1 },
        { name: output, partitions: 1 },
      ]);
      const seen = await observe(bus, output);
      const delivered: unknown[] = [];
      await bus.subscribeTransactional({
        topic: input,
        groupId: uniqueName('engine'),
        fromBeginning: true,
        eachBatch: async (batch, transaction) => {
          delivered.push(...values(batch.messages));
          await transaction.produce(output, [{ key: 'k', value: { for: batch.messages[0]!.value } }]);
          await transaction.commit();
          await waitFor(
            () => seen.length >= delivered.length,
            'the committed output, while the handler runs',
          );
          throw new Error('failed after the commit');
        },
      });
      await bus.produce(input, [{ key: 'k', value: 1 }]);
      await waitFor(() => seen.length >= 1, 'the first output');
      await bus.produce(input, [{ key: 'k', value: 2 }]);
      await waitFor(() => seen.length >= 2, 'the second output');
      const reported = () =>
        logs.filter((entry) => entry.message.includes('failed after its transaction committed'));
      await waitFor(() => reported().length >= 2, 'both rejections to be reported');
      expect(delivered).toEqual([1, 2]);
      expect(values(seen)).toEqual([{ for: 1 }, { for: 2 }]);
    },
    testTimeoutMs,
  );

  it(
    'puts the dead letters of a batch in its transaction: once, however often the batch is delivered',
    async () => {
      const bus = testBus();
      const commandsTopic = topicName(topics.engineCommands, scope.prefix);
      const dlqTopic = topicName(topics.deadLetters, scope.prefix);
      await bus.ensureTopics([
        { name: commandsTopic, partitions: 1 },
        { name: dlqTopic, partitions: 1 },
      ]);
      const deadLetters = await observe(bus, dlqTopic);
      let attempts = 0;
      const handled: unknown[] = [];
      await bus.subscribeTransactional({
        topic: commandsTopic,
        groupId: uniqueName('engine'),
        fromBeginning: true,
        eachBatch: (batch) => {
          if (++attempts < 3) return Promise.reject(new Error(`attempt ${attempts} fails`));
          handled.push(...values(batch.messages));
          return Promise.resolve();
        },
      });
      await bus.produce(commandsTopic, [
        { key: '1', value: { type: 'CANCEL_INSTANCE', processInstanceKey: '1' } },
        { key: '1', value: { type: 'CANCEL_INSTANCE', processInstanceKey: '1', commandId: 'c2' } },
      ]);
      await waitFor(() => handled.length >= 1 && deadLetters.length >= 1, 'the command and its dead letter');
      // Anything a failed attempt had left would sit before this on the DLQ's one partition.
      const marker: DeadLetterMessage = {
        topic: 'none',
        partition: 0,
        key: '1',
        reason: 'marker',
        value: null,
        headers: {},
      };
      await bus.produce(dlqTopic, [{ key: '1', value: marker }]);
      const reasons = () => deadLetters.map((message) => (message.value as DeadLetterMessage).reason);
      await waitFor(() => reasons().includes('marker'), 'the marker');
      expect(attempts).toBe(3);
      expect(reasons()).toHaveLength(2);
      expect(reasons()[0]).toContain('commandId');
    },
    testTimeoutMs,
  );

  it(
    'fences a replica that lost its partition: its late output never becomes visible, and every input counts once',
    async () => {
      // A member still in its batch when the rebalance timeout ends is dropped from the group.
      const [zombieBus, ownerBus] = [
        testBus('zombie', { rebalanceTimeoutMs: 1500 }),
        testBus('owner', { rebalanceTimeoutMs: 1500 }),
      ];
      const [input, output] = [`${scope.prefix}in`, `${scope.prefix}out`];
      const groupId = uniqueName('engine');
      await ownerBus.ensureTopics([
        { name: input, partitions: 1 },
        { name: output, partitions: 2 },
      ]);
      const seen = await observe(ownerBus, output);
      const outputOf = (by: string) =>
        values(seen).filter((value) => (value as { by: string }).by === by) as { by: string; for: number }[];
      let zombieStarted = false;
      const handler =
        (by: string): TransactionalSubscribeOptions['eachBatch'] =>
        async (batch, transaction) => {
          await transaction.produce(
            output,
            batch.messages.map((message) => ({ key: message.key, value: { by, for: message.value } })),
          );
          if (by === 'zombie' && !zombieStarted) {
            zombieStarted = true;
            // Stays in its first batch until the partition's new owner has handled it and committed.
            await waitFor(() => outputOf('owner').length >= 3, 'the new owner’s output', 30_000);
          }
        };
      await zombieBus.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: handler('zombie'),
      });
      await ownerBus.produce(
        input,
        [0, 1, 2].map((i) => ({ key: `k${i}`, value: i })),
      );
      await waitFor(() => zombieStarted, 'the zombie’s batch to start');
      await ownerBus.subscribeTransactional({
        topic: input,
        groupId,
        fromBeginning: true,
        eachBatch: handler('owner'),
      });

      const fenceLogged = () =>
        logs.filter((entry) => entry.bus === 'zombie' && entry.message.includes('has a new owner'));
      await waitFor(() => fenceLogged().length > 0, 'the zombie to learn it was fenced', 30_000);
      // Later inputs go to whichever member holds the partition after the group settled.
      await ownerBus.produce(
        input,
        [3, 4, 5].map((i) => ({ key: `k${i}`, value: i })),
      );
      await waitFor(() => seen.length >= 6, 'the output of the 6 inputs', 30_000);
      // Anything else would sit before these markers on the output's partitions.
      await ownerBus.produce(output, [
        { key: 'k0', value: { by: 'marker', for: -1 } },
        { key: 'k1', value: { by: 'marker', for: -1 } },
      ]);
      await waitFor(() => outputOf('marker').length >= 2, 'the markers');

      const handled = values(seen).filter((value) => (value as { by: string }).by !== 'marker') as {
        by: string;
        for: number;
      }[];
      expect(handled.map((value) => value.for).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(outputOf('owner').filter((value) => value.for <= 2)).toHaveLength(3);
      expect(fenceLogged()).toHaveLength(1);
    },
    testTimeoutMs,
  );

  it(
    'delivers committed records only, to subscriptions of both kinds: an aborted transaction never reaches a handler',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}written-in-transactions`;
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const plain = await observe(bus, topic);
      const transactional: unknown[] = [];
      await bus.subscribeTransactional({
        topic,
        groupId: uniqueName('engine'),
        fromBeginning: true,
        eachBatch: (batch) => {
          transactional.push(...values(batch.messages));
          return Promise.resolve();
        },
      });
      const producer = new Kafka({
        brokers,
        clientId: 'kafka-transactional-test-raw',
        logLevel: logLevel.NOTHING,
      }).producer({
        transactionalId: uniqueName('raw'),
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await producer.connect();
      try {
        const aborted = await producer.transaction();
        await aborted.send({ topic, messages: [{ key: 'k', value: JSON.stringify('aborted') }] });
        await aborted.abort();
        const committed = await producer.transaction();
        await committed.send({ topic, messages: [{ key: 'k', value: JSON.stringify('committed') }] });
        await committed.commit();
      } finally {
        await producer.disconnect();
      }
      await waitFor(() => plain.length >= 1 && transactional.length >= 1, 'the committed record at both');
      expect(values(plain)).toEqual(['committed']);
      expect(transactional).toEqual(['committed']);
    },
    testTimeoutMs,
  );
});
