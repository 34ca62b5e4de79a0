// The acceptance test of DESIGN §5: the official Camunda 8 SDK's REST client, unchanged, deploys a
// BPMN file, runs its job worker and creates an instance with result against Baton; publishes and
// correlates messages.
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { messageCatchBpmn } from '../../test/fixtures/bpmn-fixtures';
import { startTestServer, type TestServer } from '../../test/support/test-support';

const examplesFolder = join(import.meta.dirname, '..', '..', '..', '..', 'examples');
const serviceTaskFile = join(examplesFolder, 'service-task.bpmn');
const orderProcessFile = join(examplesFolder, 'order-process.bpmn');

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  camunda = new Camunda8({
    // The SDK's static bearer token strategy, with the test server's operator token (DESIGN §6).
    CAMUNDA_AUTH_STRATEGY: 'BEARER',
    CAMUNDA_OAUTH_TOKEN: server.token,
    ZEEBE_REST_ADDRESS: server.baseUrl,
    CAMUNDA_LOG_LEVEL: 'error',
  });
});
afterAll(async () => {
  await camunda.closeAllClients();
  await server.close();
  await engine.close();
});

it('deploys from a file, runs a job worker and creates an instance with result', async () => {
  const client = camunda.getCamundaRestClient();

  const topology = await client.getTopology();
  expect(topology.brokers.length).toBeGreaterThan(0);

  const deployment = await client.deployResourcesFromFiles([serviceTaskFile]);
  expect(deployment.processes).toHaveLength(1);
  expect(deployment.processes[0]).toMatchObject({
    processDefinitionId: 'service-task',
    processDefinitionVersion: 1,
  });

  const handled: string[] = [];
  const worker = client.createJobWorker({
    type: 'work',
    worker: 'sdk-test-worker',
    timeout: 30_000,
    maxJobsToActivate: 5,
    jobHandler: (job) => {
      handled.push(job.jobKey);
      return job.complete({ greeting: `hello ${String((job.variables as { name?: unknown }).name)}` });
    },
  });
  try {
    const result = await client.createProcessInstanceWithResult({
      processDefinitionId: 'service-task',
      variables: { name: 'Baton' },
    });
    expect(result.processDefinitionId).toBe('service-task');
    expect(result.processDefinitionKey).toBe(deployment.processes[0]!.processDefinitionKey);
    expect(result.variables).toEqual({ name: 'Baton', greeting: 'hello Baton' });
    expect(handled).toHaveLength(1);

    const instance = await engine.getInstance(result.processInstanceKey);
    expect(instance?.state).toBe('COMPLETED');
  } finally {
    await worker.stop();
  }
});

it('runs the order process: workers for its jobs, its user task searched, assigned and completed', async () => {
  const client = camunda.getCamundaRestClient();
  await client.deployResourcesFromFiles([orderProcessFile]);
  const workers = [
    client.createJobWorker({
      type: 'check-stock',
      worker: 'stock',
      timeout: 30_000,
      maxJobsToActivate: 5,
      jobHandler: (job) => job.complete({ inStock: true }),
    }),
    client.createJobWorker({
      type: 'charge-payment',
      worker: 'payments',
      timeout: 30_000,
      maxJobsToActivate: 5,
      jobHandler: (job) =>
        job.complete({ transactionId: `T-${String((job.variables as { amount?: unknown }).amount)}` }),
    }),
  ];
  try {
    const { processInstanceKey } = await client.createProcessInstance({
      processDefinitionId: 'order-process',
      variables: { total: 80 },
    });
    const task = await waitFor(
      async () => (await client.searchUserTasks({ filter: { processInstanceKey } })).items[0],
      {
        description: 'the Pack order user task',
      },
    );
    expect(task).toMatchObject({
      elementId: 'Activity_PackOrder',
      state: 'CREATED',
      candidateGroups: ['warehouse'],
    });
    await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'dana' });
    await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { packed: true } });
    const done = await waitFor(async () => {
      const instance = await engine.getInstance(processInstanceKey);
      return instance?.state === 'COMPLETED' ? instance : undefined;
    });
    expect(done.variables[processInstanceKey]).toMatchObject({
      total: 80,
      inStock: true,
      packed: true,
      paymentTransactionId: 'T-80',
    });
    const search = await client.searchProcessInstances({ filter: { processInstanceKey } });
    expect(search.items).toEqual([
      expect.objectContaining({
        processInstanceKey,
        state: 'COMPLETED',
        processDefinitionId: 'order-process',
      }),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
});

it('publishes a buffered message and correlates another to waiting instances', async () => {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-msg');
  const messageName = uniqueName('sdk-paid');
  await client.deployResources([
    { name: `${processId}.bpmn`, content: messageCatchBpmn(processId, messageName) },
  ]);
  const completed = (processInstanceKey: string) =>
    waitFor(async () => {
      const instance = await engine.getInstance(processInstanceKey);
      return instance?.state === 'COMPLETED' ? instance.variables[processInstanceKey] : undefined;
    });

  const published = await client.publishMessage({
    name: messageName,
    correlationKey: 'sdk-1',
    timeToLive: 60_000,
    variables: { paidBy: 'sdk' },
  });
  expect(published.messageKey).toEqual(expect.any(String));
  const first = await client.createProcessInstance({
    processDefinitionId: processId,
    variables: { orderId: 'sdk-1' },
  });
  expect(await completed(first.processInstanceKey)).toEqual({ orderId: 'sdk-1', paidBy: 'sdk' });

  const second = await client.createProcessInstance({
    processDefinitionId: processId,
    variables: { orderId: 'sdk-2' },
  });
  // Answered 404 until the new instance's subscription is stored.
  const correlated = await waitFor(() =>
    client
      .correlateMessage({ name: messageName, correlationKey: 'sdk-2', variables: { via: 'correlation' } })
      .catch(() => undefined),
  );
  expect(correlated.processInstanceKey).toBe(second.processInstanceKey);
  expect(await completed(second.processInstanceKey)).toEqual({ orderId: 'sdk-2', via: 'correlation' });
});
