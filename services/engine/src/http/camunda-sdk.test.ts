// The acceptance test of DESIGN §5: the official Camunda 8 SDK's REST client, unchanged, deploys a
// BPMN file, runs its job worker and creates an instance with result against Baton.
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createEngineRuntime, type EngineRuntime } from '../engine-runtime';
import { startTestServer, type TestServer } from './test-support';

const serviceTaskFile = join(__dirname, '..', '..', '..', '..', 'examples', 'service-task.bpmn');

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await createEngineRuntime();
  server = await startTestServer(engine);
  camunda = new Camunda8({
    CAMUNDA_AUTH_STRATEGY: 'NONE',
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
  expect(deployment.processes[0]).toMatchObject({ processDefinitionId: 'service-task', processDefinitionVersion: 1 });

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
