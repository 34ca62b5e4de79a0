// An invalid message on the commands topic of the real broker goes to the DLQ with its reason,
// and the engine goes on applying the valid commands behind it on the same partition.
import { Kafka, logLevel } from 'kafkajs';
import { rootVariables } from '@baton/engine-core';
import type { DeadLetterMessage } from '@baton/topics';
import { topicName, topics } from '@baton/topics';
import { uniqueName, waitFor } from '@baton/testing';
import type { ConsumedMessage, KafkaBus } from '@baton/messaging';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { connectTestBus, realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('dlq');
let engine: EngineRuntime;
let probe: KafkaBus;
const deadLetters: ConsumedMessage[] = [];

beforeAll(async () => {
  engine = await startRealRuntime(settings);
  probe = await connectTestBus(settings, 'dlq-probe');
  await probe.subscribe({
    topic: topicName(topics.deadLetters, settings.topicPrefix),
    groupId: 'dlq-probe',
    fromBeginning: true,
    eachBatch: (batch) => {
      deadLetters.push(...batch.messages);
      return Promise.resolve();
    },
  });
});
afterAll(async () => {
  await probe.close();
  await engine.close();
});

it('sends a command without an id and a message that is not JSON to the DLQ, and applies the next command', async () => {
  const processId = uniqueName('dlq');
  const deployed = await engine.deploy([
    { name: 'dlq.bpmn', content: serviceTaskBpmn(processId, uniqueName('t')) },
  ]);
  const key = '4242';
  // Raw bytes, as a faulty plugin would send them: the bus itself would refuse to produce them.
  const kafka = new Kafka({
    clientId: 'faulty-plugin',
    brokers: settings.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: topicName(topics.engineCommands, settings.topicPrefix),
    messages: [
      { key, value: JSON.stringify({ type: 'CANCEL_INSTANCE', processInstanceKey: key }) },
      { key, value: '{"type": "CREATE_INSTANCE", oops' },
      {
        key,
        value: JSON.stringify({
          type: 'CREATE_INSTANCE',
          commandId: uniqueName('c'),
          processInstanceKey: key,
          processDefinitionKey: deployed.processes[0]!.processDefinitionKey,
          variables: { after: 'the bad ones' },
        }),
      },
    ],
  });
  await producer.disconnect();

  const instance = await waitFor(() => engine.getInstance(key), {
    timeoutMs: 30_000,
    description: 'the instance created after the bad messages',
  });
  expect(rootVariables(instance)).toEqual({ after: 'the bad ones' });
  const letters = await waitFor(
    () => (deadLetters.length >= 2 ? deadLetters.map((m) => m.value as DeadLetterMessage) : undefined),
    {
      timeoutMs: 30_000,
      description: 'two dead letters',
    },
  );
  expect(letters.map((letter) => letter.topic)).toEqual([
    topicName(topics.engineCommands, settings.topicPrefix),
    topicName(topics.engineCommands, settings.topicPrefix),
  ]);
  expect(letters.map((letter) => letter.key)).toEqual([key, key]);
  expect(letters[0]!.reason).toContain('commandId');
  expect(letters[1]!.reason).toMatch(/JSON/i);
});
