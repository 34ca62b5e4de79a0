// Camunda's newer TypeScript SDK for 8.8+, @camunda8/orchestration-cluster-api, unchanged, against
// Baton (beside camunda-sdk.test.ts, which drives the older @camunda8/sdk): it deploys a BPMN file,
// runs its polling job worker, creates an instance with result and searches for it. Responses are
// validated strictly by the SDK's own zod schemas of the 8.8 REST API, so a field Baton answered in
// another shape fails the call here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCamundaClient,
  ProcessDefinitionId,
  ProcessInstanceKey,
  type CamundaClient,
} from '@camunda8/orchestration-cluster-api';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { startTestServer, type TestServer } from '../../test/support/test-support';

const serviceTaskFile = join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'service-task.bpmn');

jest.setTimeout(30_000);

let engine: EngineRuntime;
let server: TestServer;
let camunda: CamundaClient;

/**
 * The SDK has no static-token strategy (NONE, BASIC, OAUTH): the test server's operator token
 * (DESIGN §6) goes on every request through the custom fetch the SDK accepts.
 */
function withBearerToken(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  request.headers.set('authorization', `Bearer ${server.token}`);
  return fetch(request);
}

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  camunda = createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: server.baseUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
      CAMUNDA_SDK_LOG_LEVEL: 'error',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    },
    fetch: withBearerToken,
  });
});
afterAll(async () => {
  camunda.stopAllWorkers();
  await server.close();
  await engine.close();
});

it('deploys from a file, runs a job worker, creates an instance with result and finds it by search', async () => {
  const topology = await camunda.getTopology();
  expect(topology.brokers?.length).toBeGreaterThan(0);

  // createDeployment with a File: the SDK's deployResourcesFromFiles reads files through a dynamic
  // import, which Jest's CommonJS runtime does not offer.
  const deployment = await camunda.createDeployment({
    resources: [new File([readFileSync(serviceTaskFile)], 'service-task.bpmn')],
  });
  expect(deployment.processes).toEqual([
    expect.objectContaining({ processDefinitionId: 'service-task', processDefinitionVersion: 1 }),
  ]);
  const processDefinitionKey = deployment.processes[0]?.processDefinitionKey;

  const handled: string[] = [];
  const worker = camunda.createJobWorker({
    jobType: 'work',
    workerName: 'orchestration-sdk-worker',
    jobTimeoutMs: 30_000,
    pollTimeoutMs: 5_000,
    maxParallelJobs: 5,
    jobHandler: (job) => {
      handled.push(job.jobKey);
      const name = (job.variables as { name?: unknown }).name;
      return job.complete({ greeting: `hello ${String(name)}` });
    },
  });
  try {
    const result = await camunda.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('service-task'),
      variables: { name: 'Baton' },
      awaitCompletion: true,
    });
    expect(result.processDefinitionKey).toBe(processDefinitionKey);
    expect(result.variables).toEqual({ name: 'Baton', greeting: 'hello Baton' });
    expect(handled).toHaveLength(1);

    const processInstanceKey = ProcessInstanceKey.assumeExists(result.processInstanceKey);
    const found = await camunda.searchProcessInstances(
      { filter: { processInstanceKey } },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(found.items).toEqual([
      expect.objectContaining({
        processInstanceKey,
        processDefinitionId: 'service-task',
        state: 'COMPLETED',
      }),
    ]);
    expect(Number(found.page.totalItems)).toBe(1);
  } finally {
    // Stops at once: the worker's open long poll is canceled.
    worker.stop();
  }
});

it('surfaces the 404 problem of an unknown process as an error', async () => {
  await expect(
    camunda.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('no-such-process'),
    }),
  ).rejects.toMatchObject({ status: 404 });
});
