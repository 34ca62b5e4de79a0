// Jobs for Kafka workers on the real broker and database: published on `baton.jobs.<type>.v1`
// with their headers, answered on `baton.jobs.results.v1`, never handed to a REST worker at the
// same time; failures are retried, BPMN errors without a catcher raise an incident.
import { uniqueName, waitFor } from '@baton/testing';
import type { KafkaBus } from '@baton/messaging';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import {
  startKafkaTestWorker,
  type JobHandler,
  type KafkaTestWorker,
} from '../../test/support/kafka-test-worker';
import { connectTestBus, realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('jobs');
const kafkaTypes = ['double', 'flaky', 'refuse', 'thrower'].map((name) => uniqueName(name));
const [doubleType, flakyType, refuseType, throwerType] = kafkaTypes as [string, string, string, string];
let engine: EngineRuntime;
let workerBus: KafkaBus;
const workers: KafkaTestWorker[] = [];

beforeAll(async () => {
  engine = await startRealRuntime(settings, { kafkaJobTypes: kafkaTypes, kafkaJobTimeoutMs: 60_000 });
  workerBus = await connectTestBus(settings, 'jobs-worker');
});
afterAll(async () => {
  for (const worker of workers) await worker.close();
  await workerBus.close();
  await engine.close();
});

async function deployAndWork(type: string, handle: JobHandler) {
  const processId = uniqueName('kafka-jobs');
  await engine.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, type, { retries: 3 }) },
  ]);
  const worker = await startKafkaTestWorker(workerBus, { topicPrefix: settings.topicPrefix, type, handle });
  workers.push(worker);
  return { processId, worker };
}

it('publishes a job with its headers and variables, and applies the result a worker sends back', async () => {
  const { processId, worker } = await deployAndWork(doubleType, (job) => ({
    result: 'COMPLETE',
    variables: { doubled: (job.variables['n'] as number) * 2 },
  }));
  const created = await engine.createInstance({
    processDefinitionId: processId,
    variables: { n: 21 },
    awaitCompletion: true,
    requestTimeoutMs: 30_000,
  });
  expect(created.variables).toEqual({ n: 21, doubled: 42 });

  const [delivery] = worker.received;
  expect(delivery?.job).toMatchObject({
    type: doubleType,
    processInstanceKey: created.processInstanceKey,
    variables: { n: 21 },
    retries: 3,
  });
  expect(delivery?.headers['processInstanceKey']).toBe(created.processInstanceKey);
  expect(delivery?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  expect(delivery?.headers['messageId']).toBeTruthy();
  expect(worker.received).toHaveLength(1);
});

it('does not hand a job published to Kafka workers to a REST worker', async () => {
  // The worker holds the job: it never answers.
  const { processId, worker } = await deployAndWork(refuseType, () => undefined);
  const created = await engine.createInstance({ processDefinitionId: processId });
  await waitFor(
    () => worker.received.some(({ job }) => job.processInstanceKey === created.processInstanceKey),
    {
      timeoutMs: 20_000,
      description: 'the job on the Kafka topic',
    },
  );
  const viaRest = await engine.activateJobs({
    type: refuseType,
    worker: 'rest',
    timeoutMs: 10_000,
    maxJobsToActivate: 10,
    requestTimeoutMs: -1,
  });
  expect(viaRest).toEqual([]);
});

it('publishes a failed job again with the retries left, and completes it on the next delivery', async () => {
  const { processId, worker } = await deployAndWork(flakyType, (job, delivery) =>
    delivery === 1
      ? { result: 'FAIL', retries: job.retries - 1, errorMessage: 'remote service busy' }
      : { result: 'COMPLETE', variables: { deliveries: delivery } },
  );
  const created = await engine.createInstance({
    processDefinitionId: processId,
    awaitCompletion: true,
    requestTimeoutMs: 30_000,
  });
  expect(created.variables).toEqual({ deliveries: 2 });
  expect(worker.received.map(({ job }) => job.retries)).toEqual([3, 2]);
});

it('raises an incident for a BPMN error nobody catches', async () => {
  const { processId } = await deployAndWork(throwerType, () => ({
    result: 'ERROR',
    errorCode: 'NO_STOCK',
    errorMessage: 'out of stock',
  }));
  const created = await engine.createInstance({ processDefinitionId: processId });
  const instance = await waitFor(
    async () => {
      const found = await engine.getInstance(created.processInstanceKey);
      return found && Object.values(found.incidents).length > 0 ? found : undefined;
    },
    { timeoutMs: 20_000, description: 'the incident' },
  );
  expect(Object.values(instance.incidents).map((incident) => incident.errorMessage)).toEqual([
    expect.stringContaining('NO_STOCK'),
  ]);
});
