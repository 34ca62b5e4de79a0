// The official Camunda 8 SDK's REST client (@camunda8/sdk 8.8), unchanged, modifies a running
// instance on Baton: modifyProcessInstance moves a stuck service task's token into a subprocess
// with a variable, and a refused modification reaches the caller as the SDK's HTTP error.
import { Camunda8 } from '@camunda8/sdk';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { repairBpmn } from '../../test/fixtures/modification-fixtures';
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

it('modifyProcessInstance moves a token: the terminated job is withdrawn, the activated one is handed out', async () => {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-repair');
  const typeA = uniqueName('stuck');
  const typeB = uniqueName('fix');
  await client.deployResources([{ name: `${processId}.bpmn`, content: repairBpmn(processId, typeA, typeB) }]);
  const created = await client.createProcessInstance({
    processDefinitionId: processId,
    variables: { orderId: 'o-7' },
  });

  const [stuck] = (
    await client.activateJobs({
      type: typeA,
      worker: 'sdk',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    })
  ).map((job) => ({ jobKey: job.jobKey, elementInstanceKey: job.elementInstanceKey }));
  expect(stuck).toBeDefined();

  const answer = await client.modifyProcessInstance({
    processInstanceKey: created.processInstanceKey,
    activateInstructions: [{ elementId: 'B', variableInstructions: [{ variables: { repaired: 'yes' } }] }],
    terminateInstructions: [{ elementInstanceKey: stuck!.elementInstanceKey }],
  });
  expect(answer).toBe('');

  const [fix] = await client.activateJobs({
    type: typeB,
    worker: 'sdk',
    timeout: 30_000,
    maxJobsToActivate: 1,
    requestTimeout: 5_000,
  });
  expect(fix?.variables).toEqual({ orderId: 'o-7', repaired: 'yes' });
  const instance = await engine.getInstance(created.processInstanceKey);
  expect(instance?.jobs[stuck!.jobKey]?.state).toBe('CANCELED');
  expect(
    Object.values(instance?.elementInstances ?? {})
      .map((one) => one.elementId)
      .sort(),
  ).toEqual([processId, 'B', 'sub'].sort());

  // A start event cannot be activated: the SDK rejects with the problem's status and detail.
  await expect(
    client.modifyProcessInstance({
      processInstanceKey: created.processInstanceKey,
      activateInstructions: [{ elementId: 'start' }],
    }),
  ).rejects.toMatchObject({
    statusCode: 400,
    message: expect.stringMatching(/kind 'startEvent' cannot be activated/),
  });
});
