// Two engine replicas on the same Kafka topics and MongoDB database: replica A only serves the
// API, replica B applies every command. A creation awaiting the first wait state on A, and a start
// request over Kafka, are answered although B runs the instance.
import { startConfirmMessageSchema, type StartConfirmMessage } from '@baton/contracts';
import type { KafkaBus } from '@baton/messaging';
import { uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import type { EngineRuntime } from '../engine-runtime';
import { parallelAndSubprocessBpmn } from '../../test/fixtures/start-fixtures';
import { connectTestBus, realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('start-replicas');
let apiOnly: EngineRuntime;
let applier: EngineRuntime;
let probe: KafkaBus;
const confirmations: StartConfirmMessage[] = [];

beforeAll(async () => {
  applier = await startRealRuntime(settings, { replicaId: uniqueName('applier') });
  apiOnly = await startRealRuntime(settings, { replicaId: uniqueName('api'), consumeCommands: false });
  probe = await connectTestBus(settings, 'start-probe');
  await probe.subscribe({
    topic: topicName(topics.engineStartConfirm, settings.topicPrefix),
    groupId: 'start-probe',
    fromBeginning: true,
    eachBatch: (batch) => {
      for (const message of batch.messages)
        confirmations.push(startConfirmMessageSchema.parse(message.value));
      return Promise.resolve();
    },
  });
});
afterAll(async () => {
  await probe.close();
  await apiOnly.close();
  await applier.close();
});

it('answers awaitWaitState on the replica that holds the caller, with the variables at the first wait', async () => {
  const processId = uniqueName('wait-across');
  await apiOnly.deploy([{ name: 'wait.bpmn', content: parallelAndSubprocessBpmn(processId) }]);
  const created = await apiOnly.createInstance({
    processDefinitionId: processId,
    variables: { price: 21 },
    awaitWaitState: true,
    requestTimeoutMs: 30_000,
  });
  expect(created.variables).toEqual({ price: 21, total: 42 });
  const stored = await applier.getInstance(created.processInstanceKey);
  expect(
    Object.values(stored?.userTasks ?? {})
      .map((task) => task.elementId)
      .sort(),
  ).toEqual(['A', 'B']);
}, 45_000);

it('starts over Kafka and confirms on the confirmations topic', async () => {
  const processId = uniqueName('kafka-start');
  await apiOnly.deploy([{ name: 'start.bpmn', content: parallelAndSubprocessBpmn(processId) }]);
  const requestId = uniqueName('request');
  await probe.produce(topicName(topics.engineStart, settings.topicPrefix), [
    { key: processId, value: { requestId, processDefinitionId: processId, variables: { price: 1 } } },
  ]);
  const confirmation = await waitFor(() => confirmations.find((c) => c.requestId === requestId), {
    timeoutMs: 30_000,
    description: 'the start confirmation',
  });
  if (!('processInstanceKey' in confirmation)) throw new Error(JSON.stringify(confirmation));
  const instance = await waitFor(() => applier.getInstance(confirmation.processInstanceKey), {
    timeoutMs: 10_000,
    description: 'the started instance',
  });
  expect(instance.variables[instance.processInstanceKey]).toEqual({ price: 1, total: 2 });
}, 45_000);
