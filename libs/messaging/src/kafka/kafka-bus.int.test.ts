// KafkaBus against the real broker (`npm run infra:up`). Every test works under its own topic
// prefix and group names, so that the suites of several people can share one broker.
import { Kafka, logLevel } from 'kafkajs';
import { topicName, topics, type DeadLetterMessage } from '@baton/topics';
import type { ConsumedMessage, MessageBatch } from '../message-bus';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus-options';
import { KafkaConnectionError } from './kafka-errors';
import type { KafkaBusLogLevel } from './kafka-logger';
import { kafkaTestScope, uniqueName, waitFor } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers, clientId: 'kafka-bus-test-admin', prefixName: 'kbt' });
const testTimeoutMs = 60_000;

let logs: { level: KafkaBusLogLevel; message: string }[];

/** A bus under the test's prefix, with group timings short enough for joins of about a second. */
function testBus(options: Partial<KafkaBusOptions> = {}): KafkaBus {
  const bus = new KafkaBus({
    brokers,
    clientId: 'kafka-bus-test',
    topicPrefix: scope.prefix,
    defaultPartitions: 4,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    maxWaitTimeMs: 200,
    retryDelayMs: 50,
    logger: (level, message, extra) => {
      logs.push({ level, message });
      if (process.env['KAFKA_BUS_TEST_LOGS']) console.log(level, message, extra);
    },
    ...options,
  });
  return scope.track(bus);
}

function collector() {
  const messages: ConsumedMessage[] = [];
  const batches: MessageBatch[] = [];
  return {
    messages,
    batches,
    eachBatch: (batch: MessageBatch) => {
      batches.push(batch);
      messages.push(...batch.messages);
      return Promise.resolve();
    },
  };
}

const command = (processInstanceKey: string, commandId: string) => ({
  type: 'CANCEL_INSTANCE',
  commandId,
  processInstanceKey,
});

beforeEach(() => {
  logs = [];
});

describe('KafkaBus', () => {
  it(
    'keeps the order of one key, on one partition',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}orders`;
      const received = collector();
      await bus.subscribe({
        topic,
        groupId: uniqueName('g'),
        eachBatch: received.eachBatch,
        fromBeginning: true,
      });
      for (let i = 0; i < 20; i++) {
        await bus.produce(
          topic,
          ['a', 'b', 'c'].map((key) => ({ key, value: { key, i } })),
        );
      }
      await waitFor(() => received.messages.length >= 60, '60 messages');
      for (const key of ['a', 'b', 'c']) {
        const ofKey = received.messages.filter((m) => m.key === key);
        expect(ofKey.map((m) => (m.value as { i: number }).i)).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
        expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      }
      expect(received.messages).toHaveLength(60);
    },
    testTimeoutMs,
  );

  it(
    'delivers messageId, traceparent and the producer’s own headers as strings',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}headers`;
      const received = collector();
      await bus.subscribe({
        topic,
        groupId: uniqueName('g'),
        eachBatch: received.eachBatch,
        fromBeginning: true,
      });
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      await bus.produce(topic, [
        { key: 'k', value: { n: 1 }, headers: { processInstanceKey: '1', tenant: 'acme' } },
        { key: 'k', value: { n: 2 }, headers: { messageId: 'given-id', traceparent } },
      ]);
      await waitFor(() => received.messages.length >= 2, '2 messages');
      const [generated, given] = received.messages;
      expect(generated!.headers['processInstanceKey']).toBe('1');
      expect(generated!.headers['tenant']).toBe('acme');
      expect(generated!.headers['messageId']).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated!.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(given!.headers).toEqual({ messageId: 'given-id', traceparent });
      expect(given!.value).toEqual({ n: 2 });
    },
    testTimeoutMs,
  );

  it(
    'starts a group that reads only new messages where subscribe() was called, even if its consumer restarts before reading',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}new-only`;
      const groupId = uniqueName('g');
      await bus.produce(topic, [{ key: 'k', value: { n: 'before the group existed' } }]);
      // The first consumer leaves before it read anything, so nothing was committed by reading.
      const first = await bus.subscribe({ topic, groupId, eachBatch: collector().eachBatch });
      await first.close();
      await bus.produce(topic, [{ key: 'k', value: { n: 'while the group was away' } }]);
      const received = collector();
      await bus.subscribe({ topic, groupId, eachBatch: received.eachBatch });
      await bus.produce(topic, [{ key: 'k', value: { n: 'after it came back' } }]);
      await waitFor(() => received.messages.length >= 2, 'the 2 messages produced after the first subscribe');
      expect(received.messages.map((message) => message.value)).toEqual([
        { n: 'while the group was away' },
        { n: 'after it came back' },
      ]);
    },
    testTimeoutMs,
  );

  it('rejects a produce whose values JSON cannot carry', async () => {
    const bus = testBus();
    const topic = `${scope.prefix}not-json`;
    await expect(bus.produce(topic, [{ key: 'k', value: { amount: 1n } }])).rejects.toThrow(TypeError);
    await expect(bus.produce(topic, [{ key: 'k', value: () => 1 }])).rejects.toThrow('is not JSON');
  });

  it(
    'sends bad JSON and schema failures on the commands topic to the DLQ with the reason, and delivers the valid ones around them',
    async () => {
      const bus = testBus();
      const commandsTopic = topicName(topics.engineCommands, scope.prefix);
      const dlqTopic = topicName(topics.deadLetters, scope.prefix);
      await bus.ensureTopics([{ name: commandsTopic }, { name: dlqTopic }]);
      const commands = collector();
      const deadLetters = collector();
      await bus.subscribe({
        topic: commandsTopic,
        groupId: uniqueName('engine'),
        eachBatch: commands.eachBatch,
        fromBeginning: true,
      });
      await bus.subscribe({
        topic: dlqTopic,
        groupId: uniqueName('ops'),
        eachBatch: deadLetters.eachBatch,
        fromBeginning: true,
      });

      const rawProducer = new Kafka({
        brokers,
        clientId: 'kafka-bus-test-raw',
        logLevel: logLevel.NOTHING,
      }).producer();
      await rawProducer.connect();
      try {
        await bus.produce(commandsTopic, [
          { key: '1', value: command('1', 'c1') },
          { key: '1', value: { type: 'CANCEL_INSTANCE', processInstanceKey: '1' } },
        ]);
        await rawProducer.send({
          topic: commandsTopic,
          messages: [{ key: '1', value: Buffer.from('{"type": "CANCEL_INST') }],
        });
        await bus.produce(commandsTopic, [{ key: '1', value: command('1', 'c4') }]);
      } finally {
        await rawProducer.disconnect();
      }

      await waitFor(
        () => commands.messages.length >= 2 && deadLetters.messages.length >= 2,
        '2 commands and 2 dead letters',
      );
      expect(commands.messages.map((m) => (m.value as { commandId: string }).commandId)).toEqual([
        'c1',
        'c4',
      ]);
      const letters = deadLetters.messages.map((m) => m.value as DeadLetterMessage);
      expect(letters.map((letter) => letter.topic)).toEqual([commandsTopic, commandsTopic]);
      expect(letters.map((letter) => letter.key)).toEqual(['1', '1']);
      expect(letters[0]!.reason).toContain('commandId');
      expect(letters[0]!.value).toEqual({ type: 'CANCEL_INSTANCE', processInstanceKey: '1' });
      expect(letters[0]!.headers['messageId']).toMatch(/^[0-9a-f-]{36}$/);
      expect(letters[1]!.reason).toMatch(/^invalid JSON/);
      expect(letters[1]!.value).toBe('{"type": "CANCEL_INST');
      // A record from a foreign producer gets a messageId derived from its position.
      expect(letters[1]!.headers['messageId']).toBe(`kafka:${commandsTopic}:${letters[1]!.partition}:2`);
    },
    testTimeoutMs,
  );

  it(
    'delivers a rejected batch again from its first offset, and loses nothing',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}retried`;
      const attempts: { offsets: number[]; accepted: boolean }[] = [];
      const accepted: number[] = [];
      await bus.subscribe({
        topic,
        groupId: uniqueName('g'),
        fromBeginning: true,
        eachBatch: (batch) => {
          const accept = attempts.length >= 2;
          attempts.push({ offsets: batch.messages.map((m) => m.offset), accepted: accept });
          if (!accept) return Promise.reject(new Error('store down'));
          accepted.push(...batch.messages.map((m) => m.value as number));
          return Promise.resolve();
        },
      });
      await bus.produce(
        topic,
        Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: i })),
      );
      await waitFor(() => accepted.length >= 10, 'all 10 messages accepted');
      expect(accepted).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(attempts[1]!.offsets[0]).toBe(attempts[0]!.offsets[0]);
      expect(attempts[2]!.offsets[0]).toBe(attempts[0]!.offsets[0]);
      expect(
        logs.filter((entry) => entry.level === 'error' && entry.message.includes('delivering it again')),
      ).toHaveLength(2);
    },
    testTimeoutMs,
  );

  it(
    'shares the partitions of a group, and moves them to the remaining member when one closes',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}shared`;
      const groupId = uniqueName('shared');
      await bus.ensureTopics([{ name: topic, partitions: 4 }]);
      const first = collector();
      const second = collector();
      const firstSubscription = await bus.subscribe({
        topic,
        groupId,
        eachBatch: first.eachBatch,
        fromBeginning: true,
      });
      // Resolves once the group has rebalanced over both members.
      await bus.subscribe({ topic, groupId, eachBatch: second.eachBatch, fromBeginning: true });

      await bus.produce(
        topic,
        Array.from({ length: 40 }, (_, i) => ({ key: `key-${i}`, value: i })),
      );
      await waitFor(
        () => first.messages.length + second.messages.length >= 40,
        '40 messages over both members',
      );
      const values = (messages: ConsumedMessage[]) =>
        messages.map((m) => m.value as number).sort((x, y) => x - y);
      expect(values([...first.messages, ...second.messages])).toEqual(
        Array.from({ length: 40 }, (_, i) => i),
      );
      expect(first.messages.length).toBeGreaterThan(0);
      expect(second.messages.length).toBeGreaterThan(0);
      const partitionsOf = (messages: ConsumedMessage[]) => new Set(messages.map((m) => m.partition));
      expect(
        [...partitionsOf(first.messages)].filter((partition) => partitionsOf(second.messages).has(partition)),
      ).toEqual([]);

      await firstSubscription.close();
      const secondBefore = second.messages.length;
      await bus.produce(
        topic,
        Array.from({ length: 40 }, (_, i) => ({ key: `key-${i}`, value: 100 + i })),
      );
      await waitFor(
        () => second.messages.length >= secondBefore + 40,
        'the 40 later messages at the remaining member',
      );
      expect(values(second.messages.slice(secondBefore))).toEqual(
        Array.from({ length: 40 }, (_, i) => 100 + i),
      );
      expect(partitionsOf(second.messages.slice(secondBefore)).size).toBe(4);
      expect(first.messages).toHaveLength(40 - secondBefore);
    },
    testTimeoutMs,
  );

  it(
    'close() waits for the batch in flight and commits it',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}slow`;
      const groupId = uniqueName('slow');
      const events: string[] = [];
      let batchStarted = false;
      const subscription = await bus.subscribe({
        topic,
        groupId,
        fromBeginning: true,
        eachBatch: async (batch) => {
          batchStarted = true;
          // The slow part of the scenario: a handler still working when close() is called.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          events.push(`handled ${batch.messages.length}`);
        },
      });
      await bus.produce(
        topic,
        Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: i })),
      );
      await waitFor(() => batchStarted, 'the slow batch to start');
      await subscription.close().then(() => events.push('closed'));
      expect(events).toEqual(['handled 5', 'closed']);

      const next = collector();
      await bus.subscribe({ topic, groupId, eachBatch: next.eachBatch, fromBeginning: true });
      await bus.produce(topic, [{ key: 'k', value: 'after' }]);
      await waitFor(() => next.messages.length >= 1, 'the message produced after the close');
      expect(next.messages.map((m) => m.value)).toEqual(['after']);
    },
    testTimeoutMs,
  );

  it(
    'survives losing its partition during a batch: the commit fails, the new owner reads the batch again',
    async () => {
      // A member still in its batch when the rebalance timeout ends is dropped from the group.
      const bus = testBus({ rebalanceTimeoutMs: 1500 });
      const topic = `${scope.prefix}revoked`;
      const groupId = uniqueName('revoked');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const handledBySlow: unknown[] = [];
      let slowStarted = false;
      await bus.subscribe({
        topic,
        groupId,
        fromBeginning: true,
        eachBatch: async (batch) => {
          if (!slowStarted) {
            slowStarted = true;
            // The slow part of the scenario: longer than the rebalance timeout.
            await new Promise((resolve) => setTimeout(resolve, 3000));
          }
          handledBySlow.push(...batch.messages.map((m) => m.value));
        },
      });
      await bus.produce(
        topic,
        [0, 1, 2].map((value) => ({ key: 'k', value })),
      );
      await waitFor(() => slowStarted, 'the slow batch to start');
      const takeover = collector();
      await bus.subscribe({ topic, groupId, eachBatch: takeover.eachBatch, fromBeginning: true });
      await waitFor(() => takeover.messages.length >= 3, 'the batch at the new owner');
      await waitFor(
        () =>
          logs.some((entry) => entry.level === 'warn' && entry.message.startsWith(`commit of ${topic}[0]`)),
        'the failed commit to be logged',
      );
      expect(takeover.messages.map((m) => m.value)).toEqual([0, 1, 2]);
      expect(handledBySlow).toEqual([0, 1, 2]);

      // The group goes on: a later message is handled once, by whichever member owns the partition now.
      await bus.produce(topic, [{ key: 'k', value: 3 }]);
      await waitFor(
        () => [...handledBySlow, ...takeover.messages.map((m) => m.value)].includes(3),
        'the later message',
      );
      expect(logs.filter((entry) => entry.message.includes('crashed'))).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    'ensureTopics creates a topic with the partitions asked for, and is safe to call concurrently',
    async () => {
      const topic = `${scope.prefix}created`;
      const [one, other] = [testBus(), testBus()];
      await Promise.all([
        one.ensureTopics([{ name: topic, partitions: 3 }]),
        other.ensureTopics([{ name: topic, partitions: 3 }]),
      ]);
      await one.ensureTopics([{ name: topic, partitions: 3 }]);
      const { topics: metadata } = await scope.admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata[0]!.partitions.map((partition) => partition.partitionId).sort()).toEqual([0, 1, 2]);
    },
    testTimeoutMs,
  );

  it(
    'deletes a group of its own when the subscription closes, and leaves a shared group alone',
    async () => {
      const bus = testBus();
      const topic = `${scope.prefix}replica-groups`;
      const [own, shared] = [uniqueName('replica-group'), uniqueName('shared-group')];
      const received = collector();
      const subscriptions = await Promise.all([
        bus.subscribe({ topic, groupId: own, deleteGroupOnClose: true, eachBatch: received.eachBatch }),
        bus.subscribe({ topic, groupId: shared, eachBatch: received.eachBatch }),
      ]);
      await bus.produce(topic, [{ key: 'k', value: { n: 1 } }]);
      await waitFor(() => received.messages.length >= 2, 'the message read by both groups');
      const groupIds = async () => (await scope.admin.listGroups()).groups.map((group) => group.groupId);
      expect(await groupIds()).toEqual(expect.arrayContaining([own, shared]));

      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      const after = await groupIds();
      expect(after).not.toContain(own);
      expect(after).toContain(shared);
    },
    testTimeoutMs,
  );

  it(
    'fails connect() with an error naming the brokers when none answers',
    async () => {
      const bus = testBus({ brokers: ['127.0.0.1:1'], retries: 1, connectionTimeoutMs: 500 });
      const failure = await bus.connect().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(KafkaConnectionError);
      expect((failure as Error).message).toContain('127.0.0.1:1');
      await expect(bus.produce('any', [{ key: 'k', value: 1 }])).rejects.toThrow(KafkaConnectionError);
    },
    testTimeoutMs,
  );
});
