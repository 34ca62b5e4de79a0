// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda 8.8
// batch operations. An operator cancels the instances a filter selects, resolves the incidents of
// several instances at once (one whose job still has no retries fails, with the engine's reason),
// moves every instance's token from one task into a subprocess, migrates instances to a new version
// (one the plan does not fit fails, with the engine's reason), and reads each operation's progress
// and items back; refusals are 4xx problems.
import {
  batchOperationItemSearchResponseSchema,
  batchOperationSchema,
  batchOperationSearchResponseSchema,
  problemSchema,
  type ActivatedJobResponse,
  type BatchOperationDto,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { orderV1Bpmn, orderV2Bpmn } from '../fixtures/migration-fixtures';
import { repairBpmn } from '../fixtures/modification-fixtures';
import { activateOneJob, deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

jest.setTimeout(60_000);

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function stateOf(processInstanceKey: string): Promise<string> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body.state as string;
}

/** Creates a batch operation; expects 200 and the type, answers the key. */
async function createBatch(path: string, body: unknown, type: string): Promise<string> {
  const answer = await server.call('POST', path, body);
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ batchOperationKey: expect.any(String), batchOperationType: type });
  return answer.body.batchOperationKey as string;
}

/** The operation once it has ended. */
async function ended(batchOperationKey: string): Promise<BatchOperationDto> {
  return waitFor(
    async () => {
      const answer = await server.call('GET', `/v2/batch-operations/${batchOperationKey}`);
      expect(answer.status).toBe(200);
      const operation = batchOperationSchema.parse(answer.body);
      return operation.state === 'COMPLETED' ? operation : undefined;
    },
    { timeoutMs: 30_000, description: `batch operation ${batchOperationKey} completed` },
  );
}

async function itemsOf(batchOperationKey: string) {
  const answer = await server.call('POST', '/v2/batch-operation-items/search', {
    filter: { batchOperationKey },
    sort: [{ field: 'processInstanceKey' }],
  });
  expect(answer.status).toBe(200);
  return batchOperationItemSearchResponseSchema.parse(answer.body);
}

describe('POST /v2/process-instances/cancellation', () => {
  it('cancels the active instances the filter selects, each once, and shows the progress', async () => {
    const processId = uniqueName('batch-cancel');
    await deployProcess(server, processId, serviceTaskBpmn(processId, uniqueName('never-worked')));
    const chosen = [
      await startInstanceOf(server, processId, { region: 'north' }),
      await startInstanceOf(server, processId, { region: 'north' }),
      await startInstanceOf(server, processId, { region: 'north' }),
    ];
    const spared = await startInstanceOf(server, processId, { region: 'south' });

    const key = await createBatch(
      '/v2/process-instances/cancellation',
      { filter: { processDefinitionId: processId, variables: [{ name: 'region', value: '"north"' }] } },
      'CANCEL_PROCESS_INSTANCE',
    );
    const operation = await ended(key);
    expect(operation).toMatchObject({
      batchOperationKey: key,
      batchOperationType: 'CANCEL_PROCESS_INSTANCE',
      state: 'COMPLETED',
      operationsTotalCount: 3,
      operationsCompletedCount: 3,
      operationsFailedCount: 0,
      errors: [],
    });
    expect(Date.parse(operation.endDate ?? '')).toBeGreaterThanOrEqual(Date.parse(operation.startDate ?? ''));
    for (const processInstanceKey of chosen) expect(await stateOf(processInstanceKey)).toBe('TERMINATED');
    expect(await stateOf(spared)).toBe('ACTIVE');

    const items = await itemsOf(key);
    expect(items.page.totalItems).toBe(3);
    expect(items.items.map((item) => item.processInstanceKey).sort()).toEqual([...chosen].sort());
    for (const item of items.items)
      expect(item).toMatchObject({
        operationType: 'CANCEL_PROCESS_INSTANCE',
        batchOperationKey: key,
        itemKey: item.processInstanceKey,
        state: 'COMPLETED',
        processedDate: expect.any(String),
      });

    const found = await server.call('POST', '/v2/batch-operations/search', {
      filter: {
        batchOperationKey: key,
        operationType: 'CANCEL_PROCESS_INSTANCE',
        state: { $eq: 'COMPLETED' },
      },
    });
    expect(found.status).toBe(200);
    expect(batchOperationSearchResponseSchema.parse(found.body)).toEqual({
      items: [operation],
      page: { totalItems: 1 },
    });

    // Nothing active is left to select: an operation with no items completes at once.
    const again = await createBatch(
      '/v2/process-instances/cancellation',
      { filter: { processDefinitionId: processId, variables: [{ name: 'region', value: '"north"' }] } },
      'CANCEL_PROCESS_INSTANCE',
    );
    expect(await ended(again)).toMatchObject({ operationsTotalCount: 0, operationsCompletedCount: 0 });
  });

  it('refuses a filter field it does not know (it would widen the selection), and a missing filter', async () => {
    const unknownField = await server.call('POST', '/v2/process-instances/cancellation', {
      filter: { processDefinitionName: 'everything' },
    });
    expect(unknownField.status).toBe(400);
    expect(problemSchema.parse(unknownField.body).detail).toContain('processDefinitionName');
    expect((await server.call('POST', '/v2/process-instances/cancellation', {})).status).toBe(400);
  });
});

describe('POST /v2/process-instances/incident-resolution', () => {
  it('resolves the incidents of the selected instances; one still out of retries fails with the reason', async () => {
    const processId = uniqueName('batch-incidents');
    const jobType = uniqueName('failing');
    await deployProcess(server, processId, serviceTaskBpmn(processId, jobType, { retries: 1 }));
    const first = await startInstanceOf(server, processId);
    const second = await startInstanceOf(server, processId);
    const jobs: ActivatedJobResponse[] = [];
    for (let n = 0; n < 2; n++) {
      const job = await activateOneJob(server, jobType, 'batch-test');
      expect(
        (await server.call('POST', `/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: 'down' }))
          .status,
      ).toBe(204);
      jobs.push(job);
    }
    await waitFor(async () => {
      const search = await server.call('POST', '/v2/process-instances/search', {
        filter: { processDefinitionId: processId, hasIncident: true },
      });
      return search.body.page.totalItems === 2;
    });
    // The operator fixes the cause of the first instance's failure only.
    const fixed = jobs.find((job) => job.processInstanceKey === first);
    expect(
      (await server.call('PATCH', `/v2/jobs/${fixed?.jobKey}`, { changeset: { retries: 1 } })).status,
    ).toBe(204);

    const key = await createBatch(
      '/v2/process-instances/incident-resolution',
      { filter: { processDefinitionId: processId } },
      'RESOLVE_INCIDENT',
    );
    expect(await ended(key)).toMatchObject({
      operationsTotalCount: 2,
      operationsCompletedCount: 1,
      operationsFailedCount: 1,
    });
    const items = (await itemsOf(key)).items;
    const byInstance = new Map(items.map((item) => [item.processInstanceKey, item]));
    expect(byInstance.get(first)).toMatchObject({ operationType: 'RESOLVE_INCIDENT', state: 'COMPLETED' });
    expect(byInstance.get(second)).toMatchObject({
      state: 'FAILED',
      errorMessage: expect.stringContaining('no retries left'),
    });
    // An item's key is the incident's.
    const incidents = await server.call('POST', '/v2/incidents/search', {
      filter: { processInstanceKey: second },
    });
    expect(byInstance.get(second)?.itemKey).toBe(incidents.body.items[0].incidentKey);

    // The resolved instance's job is handed out again.
    const again = await activateOneJob(server, jobType, 'batch-test');
    expect(again.processInstanceKey).toBe(first);
  });
});

describe('POST /v2/process-instances/modification', () => {
  it('moves every selected instance from a stuck task into a subprocess; one not at the source stays as it was', async () => {
    const processId = uniqueName('batch-move');
    const typeA = uniqueName('stuck');
    const typeB = uniqueName('fix');
    await deployProcess(server, processId, repairBpmn(processId, typeA, typeB));
    const stuck = [await startInstanceOf(server, processId), await startInstanceOf(server, processId)];

    const key = await createBatch(
      '/v2/process-instances/modification',
      {
        filter: { processDefinitionId: processId },
        moveInstructions: [{ sourceElementId: 'A', targetElementId: 'B' }],
      },
      'MODIFY_PROCESS_INSTANCE',
    );
    expect(await ended(key)).toMatchObject({ operationsTotalCount: 2, operationsCompletedCount: 2 });
    const moved = [
      await activateOneJob(server, typeB, 'batch-test'),
      await activateOneJob(server, typeB, 'batch-test'),
    ];
    expect(moved.map((job) => job.processInstanceKey).sort()).toEqual([...stuck].sort());
    for (const processInstanceKey of stuck) {
      const detail = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
      expect([...detail.body.activeElementIds].sort()).toEqual(['B', 'sub']);
    }

    // A second move A → B finds no instance at A: each item completes with nothing changed.
    const noop = await createBatch(
      '/v2/process-instances/modification',
      {
        filter: { processDefinitionId: processId },
        moveInstructions: [{ sourceElementId: 'A', targetElementId: 'B' }],
      },
      'MODIFY_PROCESS_INSTANCE',
    );
    expect(await ended(noop)).toMatchObject({ operationsTotalCount: 2, operationsCompletedCount: 2 });
    for (const processInstanceKey of stuck) {
      const detail = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
      expect([...detail.body.activeElementIds].sort()).toEqual(['B', 'sub']);
    }
    expect(
      (await server.call('POST', '/v2/process-instances/modification', { filter: {}, moveInstructions: [] }))
        .status,
    ).toBe(400);
  });
});

describe('POST /v2/process-instances/migration', () => {
  it('migrates the selected instances to version 2; an instance the plan does not fit is a FAILED item and stays', async () => {
    const processId = uniqueName('batch-migrate');
    const typeA = uniqueName('order');
    const v1 = await deployProcess(server, processId, orderV1Bpmn(processId, typeA));
    const v2 = await deployProcess(server, processId, orderV2Bpmn(processId, typeA));
    // One instance on the latest version, which the filter (version 1's key) leaves alone.
    const onV2 = await startInstanceOf(server, processId);
    const onV1: string[] = [];
    for (let n = 0; n < 2; n++) {
      const created = await server.call('POST', '/v2/process-instances', {
        processDefinitionKey: v1.processDefinitionKey,
      });
      expect(created.status).toBe(200);
      onV1.push(created.body.processInstanceKey as string);
    }

    const key = await createBatch(
      '/v2/process-instances/migration',
      {
        filter: { processDefinitionKey: v1.processDefinitionKey },
        migrationPlan: {
          targetProcessDefinitionKey: v2.processDefinitionKey,
          mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'A' }],
        },
      },
      'MIGRATE_PROCESS_INSTANCE',
    );
    expect(await ended(key)).toMatchObject({
      operationsTotalCount: 2,
      operationsCompletedCount: 2,
      operationsFailedCount: 0,
    });
    expect((await itemsOf(key)).items.map((item) => item.processInstanceKey).sort()).toEqual(
      [...onV1].sort(),
    );
    expect(onV1).not.toContain(onV2);
    for (const processInstanceKey of onV1) {
      const detail = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
      expect(detail.body).toMatchObject({
        processDefinitionKey: v2.processDefinitionKey,
        processDefinitionVersion: 2,
      });
    }

    // A service task cannot become a user task: Zeebe refuses the type change, and so the item fails.
    const unfit = (
      await server.call('POST', '/v2/process-instances', { processDefinitionKey: v1.processDefinitionKey })
    ).body.processInstanceKey as string;
    const refused = await createBatch(
      '/v2/process-instances/migration',
      {
        filter: { processDefinitionKey: v1.processDefinitionKey },
        migrationPlan: {
          targetProcessDefinitionKey: v2.processDefinitionKey,
          mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'review' }],
        },
      },
      'MIGRATE_PROCESS_INSTANCE',
    );
    expect(await ended(refused)).toMatchObject({ operationsTotalCount: 1, operationsFailedCount: 1 });
    const [item] = (await itemsOf(refused)).items;
    expect(item).toMatchObject({
      processInstanceKey: unfit,
      state: 'FAILED',
      errorMessage: expect.stringContaining("is mapped to 'review'"),
    });
    const detail = await server.call('GET', `/v2/process-instances/${unfit}`);
    expect(detail.body.processDefinitionVersion).toBe(1);
    expect(
      (
        await server.call('POST', '/v2/process-instances/migration', {
          filter: {},
          migrationPlan: { mappingInstructions: [] },
        })
      ).status,
    ).toBe(400);
  });
});

describe('/v2/batch-operations/{key}', () => {
  it('answers 404 for an unknown operation, 400 for a key that is not one, 409 to suspend or cancel one that ended', async () => {
    expect((await server.call('GET', '/v2/batch-operations/123456789')).status).toBe(404);
    expect((await server.call('GET', '/v2/batch-operations/not-a-key')).status).toBe(400);
    expect((await server.call('POST', '/v2/batch-operations/123456789/suspension')).status).toBe(404);

    const key = await createBatch(
      '/v2/process-instances/cancellation',
      { filter: { processDefinitionId: uniqueName('nothing-runs') } },
      'CANCEL_PROCESS_INSTANCE',
    );
    await ended(key);
    for (const action of ['suspension', 'resumption', 'cancellation']) {
      const answer = await server.call('POST', `/v2/batch-operations/${key}/${action}`);
      expect(answer.status).toBe(409);
      expect(problemSchema.parse(answer.body).detail).toContain('COMPLETED');
    }
  });
});
