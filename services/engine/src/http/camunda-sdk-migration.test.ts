// The official Camunda 8 SDK's REST client (@camunda8/sdk 8.8), unchanged, migrates a running
// instance on Baton: migrateProcessInstance moves an instance whose job a worker holds to version 2
// (the job completes there and version 2's user task follows), and a refused migration reaches the
// caller as the SDK's HTTP error with Baton's reason.
import { Camunda8 } from '@camunda8/sdk';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { orderV1Bpmn, orderV2Bpmn } from '../../test/fixtures/migration-fixtures';
import { startTestRuntime } from '../../test/support/test-runtime';
import { startTestServer, type TestServer } from '../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  camunda = new Camunda8({
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

it('migrateProcessInstance moves an instance to version 2: its held job completes there', async () => {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-migrate');
  const typeA = uniqueName('charge');
  await client.deployResources([{ name: `${processId}.bpmn`, content: orderV1Bpmn(processId, typeA) }]);
  const created = await client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const v2 = await client.deployResources([
    { name: `${processId}.bpmn`, content: orderV2Bpmn(processId, typeA) },
  ]);
  const target = v2.processes[0]!;
  expect(target.processDefinitionVersion).toBe(2);
  const [job] = await client.activateJobs({
    type: typeA,
    worker: 'sdk',
    timeout: 30_000,
    maxJobsToActivate: 1,
    requestTimeout: 5_000,
  });
  expect(job).toBeDefined();

  const answer = await client.migrateProcessInstance({
    processInstanceKey: created.processInstanceKey,
    targetProcessDefinitionKey: target.processDefinitionKey,
    mappingInstructions: [
      { sourceElementId: 'A', targetElementId: 'A' },
      { sourceElementId: 'T1', targetElementId: 'T2' },
    ],
  });
  expect(answer).toBe('');
  const migrated = await engine.getInstance(created.processInstanceKey);
  expect(migrated).toMatchObject({
    processDefinitionKey: target.processDefinitionKey,
    processDefinitionVersion: 2,
  });

  await client.completeJob({ jobKey: job!.jobKey, variables: {} });
  const task = await waitFor(
    async () =>
      (await client.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } })).items[0],
    { timeoutMs: 10_000, description: "version 2's user task" },
  );
  expect(task.elementId).toBe('review');

  // Mapping the service task to the user task changes its type: the SDK rejects with Baton's reason.
  await expect(
    client.migrateProcessInstance({
      processInstanceKey: created.processInstanceKey,
      targetProcessDefinitionKey: target.processDefinitionKey,
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'A' }],
    }),
  ).rejects.toMatchObject({
    statusCode: 409,
    message: expect.stringMatching(
      /active element 'review' of type 'userTask' is mapped to 'A' of type 'serviceTask'/,
    ),
  });
});
