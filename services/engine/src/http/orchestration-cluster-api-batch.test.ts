// Batch operations through Camunda's @camunda8/orchestration-cluster-api 8.8 client, unchanged (the
// older @camunda8/sdk has no batch operation calls): one test per route — cancellation, incident
// resolution, modification and migration over a filter, get, search, item search, and suspension,
// resumption and cancellation of an operation — with the SDK validating every request and answer
// strictly against its 8.8 schemas, and its eventual-consistency helper waiting for an operation
// to end.
import {
  BatchOperationKey,
  createCamundaClient,
  ElementId,
  JobKey,
  ProcessDefinitionId,
  ProcessDefinitionKey,
  ProcessInstanceKey,
  type CamundaClient,
} from '@camunda8/orchestration-cluster-api';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { orderV1Bpmn, orderV2Bpmn } from '../../test/fixtures/migration-fixtures';
import { repairBpmn } from '../../test/fixtures/modification-fixtures';
import { activateOneJob, deployProcess, startInstanceOf } from '../../test/support/rest-scenario-steps';
import { startTestRuntime } from '../../test/support/test-runtime';
import { startTestServer, type TestServer } from '../../test/support/test-support';

jest.setTimeout(60_000);

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
  await server.close();
  await engine.close();
});

const now = { consistency: { waitUpToMs: 0 } };

/** The operation once the SDK's eventual-consistency poll sees it ended. */
function completed(batchOperationKey: BatchOperationKey) {
  return camunda.getBatchOperation(
    { batchOperationKey },
    {
      consistency: {
        waitUpToMs: 20_000,
        pollIntervalMs: 50,
        predicate: (operation) => operation.state === 'COMPLETED',
      },
    },
  );
}

async function instanceState(processInstanceKey: string): Promise<string | undefined> {
  return (await engine.getInstance(processInstanceKey))?.state;
}

it('cancels instances over a filter; get, search and item search show the progress', async () => {
  const processId = uniqueName('sdk-batch-cancel');
  await deployProcess(server, processId, serviceTaskBpmn(processId, uniqueName('idle')));
  const keys = [await startInstanceOf(server, processId), await startInstanceOf(server, processId)];

  const created = await camunda.cancelProcessInstancesBatchOperation(
    { filter: { processDefinitionId: ProcessDefinitionId.assumeExists(processId) } },
    now,
  );
  expect(created.batchOperationType).toBe('CANCEL_PROCESS_INSTANCE');
  const batchOperationKey = created.batchOperationKey as BatchOperationKey;
  const operation = await completed(batchOperationKey);
  expect(operation).toMatchObject({
    batchOperationKey,
    batchOperationType: 'CANCEL_PROCESS_INSTANCE',
    operationsTotalCount: 2,
    operationsCompletedCount: 2,
    operationsFailedCount: 0,
  });
  for (const key of keys) expect(await instanceState(key)).toBe('TERMINATED');

  const search = await camunda.searchBatchOperations(
    { filter: { batchOperationKey, operationType: 'CANCEL_PROCESS_INSTANCE' } },
    now,
  );
  expect(search.items).toEqual([operation]);
  const found = await camunda.searchBatchOperationItems({ filter: { batchOperationKey } }, now);
  expect(Number(found.page.totalItems)).toBe(2);
  const items = found.items ?? [];
  expect(items.map((item) => item.processInstanceKey).sort()).toEqual([...keys].sort());
  for (const item of items)
    expect(item).toMatchObject({ state: 'COMPLETED', processedDate: expect.any(String) });
});

it('resolves the incidents of the instances a filter selects', async () => {
  const processId = uniqueName('sdk-batch-incident');
  const jobType = uniqueName('failing');
  await deployProcess(server, processId, serviceTaskBpmn(processId, jobType, { retries: 1 }));
  const processInstanceKey = await startInstanceOf(server, processId);
  const job = await activateOneJob(server, jobType, 'sdk-batch');
  await camunda.failJob({ jobKey: JobKey.assumeExists(job.jobKey), retries: 0, errorMessage: 'down' });
  await camunda.updateJob({ jobKey: JobKey.assumeExists(job.jobKey), changeset: { retries: 1 } });
  await camunda.searchIncidents(
    { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } },
    { consistency: { waitUpToMs: 10_000, predicate: (found) => (found.items?.length ?? 0) > 0 } },
  );

  const created = await camunda.resolveIncidentsBatchOperation(
    { filter: { processDefinitionId: ProcessDefinitionId.assumeExists(processId) } },
    now,
  );
  expect(created.batchOperationType).toBe('RESOLVE_INCIDENT');
  const operation = await completed(created.batchOperationKey as BatchOperationKey);
  expect(operation).toMatchObject({ operationsTotalCount: 1, operationsCompletedCount: 1 });
  expect((await activateOneJob(server, jobType, 'sdk-batch')).processInstanceKey).toBe(processInstanceKey);
});

it('moves tokens over a filter with move instructions', async () => {
  const processId = uniqueName('sdk-batch-move');
  const typeB = uniqueName('fix');
  await deployProcess(server, processId, repairBpmn(processId, uniqueName('stuck'), typeB));
  const processInstanceKey = await startInstanceOf(server, processId);

  const created = await camunda.modifyProcessInstancesBatchOperation(
    {
      filter: { processDefinitionId: ProcessDefinitionId.assumeExists(processId) },
      moveInstructions: [
        { sourceElementId: ElementId.assumeExists('A'), targetElementId: ElementId.assumeExists('B') },
      ],
    },
    now,
  );
  expect(created.batchOperationType).toBe('MODIFY_PROCESS_INSTANCE');
  expect(await completed(created.batchOperationKey as BatchOperationKey)).toMatchObject({
    operationsCompletedCount: 1,
  });
  expect((await activateOneJob(server, typeB, 'sdk-batch')).processInstanceKey).toBe(processInstanceKey);
});

it('migrates instances over a filter with a migration plan', async () => {
  const processId = uniqueName('sdk-batch-migrate');
  const typeA = uniqueName('order');
  const v1 = await deployProcess(server, processId, orderV1Bpmn(processId, typeA));
  const v2 = await deployProcess(server, processId, orderV2Bpmn(processId, typeA));
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionKey: v1.processDefinitionKey,
  });
  const processInstanceKey = created.body.processInstanceKey as string;

  const migration = await camunda.migrateProcessInstancesBatchOperation(
    {
      filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(v1.processDefinitionKey) },
      migrationPlan: {
        targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists(v2.processDefinitionKey),
        mappingInstructions: [
          { sourceElementId: ElementId.assumeExists('A'), targetElementId: ElementId.assumeExists('A') },
        ],
      },
    },
    now,
  );
  expect(migration.batchOperationType).toBe('MIGRATE_PROCESS_INSTANCE');
  expect(await completed(migration.batchOperationKey as BatchOperationKey)).toMatchObject({
    operationsTotalCount: 1,
    operationsCompletedCount: 1,
  });
  expect((await engine.getInstance(processInstanceKey))?.processDefinitionVersion).toBe(2);
});

it('suspends, resumes and cancels only an operation that has not ended: 409 for one that has', async () => {
  const created = await camunda.cancelProcessInstancesBatchOperation(
    { filter: { processDefinitionId: ProcessDefinitionId.assumeExists(uniqueName('nothing-runs')) } },
    now,
  );
  const batchOperationKey = created.batchOperationKey as BatchOperationKey;
  await completed(batchOperationKey);
  await expect(camunda.suspendBatchOperation({ batchOperationKey }, now)).rejects.toMatchObject({
    status: 409,
  });
  await expect(camunda.resumeBatchOperation({ batchOperationKey }, now)).rejects.toMatchObject({
    status: 409,
  });
  await expect(camunda.cancelBatchOperation({ batchOperationKey }, now)).rejects.toMatchObject({
    status: 409,
  });
  await expect(
    camunda.getBatchOperation({ batchOperationKey: BatchOperationKey.assumeExists('123456789') }, now),
  ).rejects.toMatchObject({ status: 404 });
});
