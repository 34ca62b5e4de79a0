// Suspension and Kafka job workers on the real broker and database: the jobs of a suspended job
// definition are not published on their job topic; once it is activated (includeJobs) they are,
// and the instances complete.
import { uniqueName, waitFor } from '@baton/testing';
import type { KafkaBus } from '@baton/messaging';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import { connectTestBus, realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('suspension');
const jobType = uniqueName('held');
const TIMEOUT = { timeoutMs: 30_000, intervalMs: 50 };
jest.setTimeout(60_000);

let engine: EngineRuntime;
let workerBus: KafkaBus;
let worker: KafkaTestWorker;

beforeAll(async () => {
  engine = await startRealRuntime(settings, { kafkaJobTypes: [jobType], kafkaJobTimeoutMs: 60_000 });
  workerBus = await connectTestBus(settings, 'suspension-worker');
  worker = await startKafkaTestWorker(workerBus, {
    topicPrefix: settings.topicPrefix,
    type: jobType,
    handle: () => ({ result: 'COMPLETE', variables: { done: true } }),
  });
});
afterAll(async () => {
  await worker.close();
  await workerBus.close();
  await engine.close();
});

async function deploy(): Promise<{ processId: string; processDefinitionKey: string }> {
  const processId = uniqueName('kafka-suspension');
  const result = await engine.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType) },
  ]);
  return { processId, processDefinitionKey: result.processes[0]!.processDefinitionKey };
}

async function stateOf(processInstanceKey: string) {
  return (await engine.getInstance(processInstanceKey))?.state;
}

it('publishes no job of a suspended job definition; activating it with its jobs publishes them', async () => {
  const held = await deploy();
  const control = await deploy();
  const [work] = (
    await engine.searchJobDefinitions({ filter: { processDefinitionKey: held.processDefinitionKey } })
  ).items;
  await engine.suspendJobDefinition(work!.jobDefinitionKey, { suspended: true });

  const heldInstance = (await engine.createInstance({ processDefinitionId: held.processId }))
    .processInstanceKey;
  await waitFor(
    async () =>
      (await engine.searchJobs({ filter: { processInstanceKey: heldInstance, suspended: true } })).items
        .length === 1,
    TIMEOUT,
  );
  // A younger job of the same type goes out and completes: the pusher, oldest first, passed the held one over.
  const controlInstance = (await engine.createInstance({ processDefinitionId: control.processId }))
    .processInstanceKey;
  await waitFor(async () => (await stateOf(controlInstance)) === 'COMPLETED', TIMEOUT);
  expect(worker.received.map((delivery) => delivery.job.processInstanceKey)).not.toContain(heldInstance);
  expect(await stateOf(heldInstance)).toBe('ACTIVE');

  const { jobsChanged } = await engine.suspendJobDefinition(work!.jobDefinitionKey, {
    suspended: false,
    includeJobs: true,
  });
  expect(jobsChanged).toBe(1);
  await waitFor(async () => (await stateOf(heldInstance)) === 'COMPLETED', TIMEOUT);
  expect((await engine.getInstance(heldInstance))?.variables[heldInstance]).toEqual({ done: true });
});

it('hands a suspended instance job to the worker only after the instance is activated', async () => {
  const { processId, processDefinitionKey } = await deploy();
  const [work] = (await engine.searchJobDefinitions({ filter: { processDefinitionKey } })).items;
  // Hold new jobs so that the instance can be suspended before its job goes out.
  await engine.suspendJobDefinition(work!.jobDefinitionKey, { suspended: true });
  const key = (await engine.createInstance({ processDefinitionId: processId })).processInstanceKey;
  await waitFor(
    async () => (await engine.searchJobs({ filter: { processInstanceKey: key } })).items.length === 1,
    TIMEOUT,
  );
  await engine.suspendInstance(key, true);
  // The job definition is active again, but the instance is suspended: its job stays held.
  await engine.suspendJobDefinition(work!.jobDefinitionKey, { suspended: false, includeJobs: true });
  expect((await engine.searchJobs({ filter: { processInstanceKey: key } })).items[0]?.suspended).toBe(true);
  await engine.suspendInstance(key, false);
  await waitFor(async () => (await stateOf(key)) === 'COMPLETED', TIMEOUT);
});
