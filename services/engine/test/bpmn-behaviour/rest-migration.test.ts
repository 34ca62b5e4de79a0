// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda 8
// process instance migration (POST /v2/process-instances/{key}/migration) and Baton's dry run
// (…/migration/dry-run). An instance whose job a worker holds moves to version 2: the worker
// completes the same job and the instance reaches version 2's user task; the dry run answers the
// plan and changes nothing; refusals are 400/404/409 problems naming what is wrong.
import {
  activityInstanceSchema,
  jobSearchResponseSchema,
  migrationDryRunResponseSchema,
  problemSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { orderV1Bpmn, orderV2Bpmn } from '../fixtures/migration-fixtures';
import {
  activateOneJob,
  completeJobOf,
  deployProcess,
  startInstanceOf,
  type DeployedDefinition,
} from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

jest.setTimeout(40_000);

let engine: EngineRuntime;
let server: TestServer;
let processId: string;
let typeA: string;
let v1: DeployedDefinition;
let v2: DeployedDefinition;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  processId = uniqueName('migrate');
  typeA = uniqueName('charge');
  v1 = await deployProcess(server, processId, orderV1Bpmn(processId, typeA));
  v2 = await deployProcess(server, processId, orderV2Bpmn(processId, typeA));
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

const mapping = (...pairs: [string, string][]) =>
  pairs.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));

async function instanceOf(processInstanceKey: string): Promise<Record<string, unknown>> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>;
}

describe('POST /v2/process-instances/{key}/migration', () => {
  it('moves an instance to version 2: the held job completes there and the instance reaches its user task', async () => {
    expect(v2.processDefinitionVersion).toBe(v1.processDefinitionVersion + 1);
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionKey: v1.processDefinitionKey,
      variables: { orderId: 'o-1' },
    });
    expect(created.status).toBe(200);
    const key = created.body.processInstanceKey as string;
    const job = await activateOneJob(server, typeA, 'migration-test');

    // The dry run answers the plan and changes nothing.
    const body = {
      targetProcessDefinitionKey: v2.processDefinitionKey,
      mappingInstructions: mapping(['A', 'A']),
    };
    const dryRun = await server.call('POST', `/v2/process-instances/${key}/migration/dry-run`, body);
    expect(dryRun.status).toBe(200);
    expect(migrationDryRunResponseSchema.parse(dryRun.body)).toEqual({
      processInstanceKey: key,
      sourceProcessDefinitionKey: v1.processDefinitionKey,
      targetProcessDefinitionKey: v2.processDefinitionKey,
      targetProcessDefinitionId: processId,
      targetProcessDefinitionVersion: v2.processDefinitionVersion,
      elementInstances: [
        {
          elementInstanceKey: job.elementInstanceKey,
          elementType: 'serviceTask',
          sourceElementId: 'A',
          targetElementId: 'A',
        },
      ],
      catchEvents: [
        { elementInstanceKey: job.elementInstanceKey, action: 'CLOSE', sourceElementId: 'T1' },
        { elementInstanceKey: job.elementInstanceKey, action: 'OPEN', targetElementId: 'T2' },
      ],
      joinArrivals: [],
    });
    expect((await instanceOf(key))['processDefinitionKey']).toBe(v1.processDefinitionKey);

    const migrated = await server.call('POST', `/v2/process-instances/${key}/migration`, {
      ...body,
      mappingInstructions: mapping(['A', 'A'], ['T1', 'T2']),
    });
    expect(migrated.status).toBe(204);
    expect(await instanceOf(key)).toMatchObject({
      processDefinitionKey: v2.processDefinitionKey,
      processDefinitionVersion: v2.processDefinitionVersion,
      state: 'ACTIVE',
    });
    const tree = activityInstanceSchema.parse(
      (await server.call('GET', `/v2/process-instances/${key}/activity-instances`)).body,
    );
    expect(tree.childActivityInstances.map((child) => [child.activityId, child.id])).toEqual([
      ['A', job.elementInstanceKey],
    ]);

    // The job as workers and job search see it: same key and type, version 2's definition.
    const jobs = await server.call('POST', '/v2/jobs/search', { filter: { processInstanceKey: key } });
    expect(jobSearchResponseSchema.parse(jobs.body).items).toEqual([
      expect.objectContaining({
        jobKey: job.jobKey,
        type: typeA,
        processDefinitionKey: v2.processDefinitionKey,
        elementId: 'A',
        worker: 'migration-test',
      }),
      expect.objectContaining({
        type: 'timer',
        elementId: 'T2',
        processDefinitionKey: v2.processDefinitionKey,
      }),
    ]);
    // The worker holding the job completes it: the job kept its key through the migration.
    await completeJobOf(server, job.jobKey);
    const task = await waitFor(
      async () => {
        const found = await server.call('POST', '/v2/user-tasks/search', {
          filter: { processInstanceKey: key },
        });
        return userTaskSearchResponseSchema.parse(found.body).items[0];
      },
      { timeoutMs: 10_000, description: 'the user task of version 2' },
    );
    expect(task).toMatchObject({ elementId: 'review', processDefinitionKey: v2.processDefinitionKey });
    expect((await server.call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(204);
    expect((await instanceOf(key))['state']).toBe('COMPLETED');
  });

  it('refuses what cannot be migrated with a problem naming it, and changes nothing', async () => {
    const key = await startInstanceOf(server, processId, { orderId: 'o-2' });
    // The instance started on version 2 (the latest): migrate it back to version 1.
    const target = v1.processDefinitionKey;
    const cases: [string, unknown, number, RegExp][] = [
      [
        key,
        { targetProcessDefinitionKey: target, mappingInstructions: [] },
        409,
        /no mapping instruction is defined for active element 'A'/,
      ],
      [
        key,
        { targetProcessDefinitionKey: target, mappingInstructions: mapping(['A', 'A'], ['A', 'end']) },
        400,
        /duplicate source element ids 'A'/,
      ],
      [
        key,
        { targetProcessDefinitionKey: target, mappingInstructions: mapping(['A', 'nowhere']) },
        400,
        /target element ids that are not in process .*'nowhere'/,
      ],
      [
        key,
        { targetProcessDefinitionKey: target, mappingInstructions: mapping(['A', 'end']) },
        409,
        /of type 'serviceTask' is mapped to 'end' of type 'endEvent'/,
      ],
      [
        key,
        { targetProcessDefinitionKey: target, mappingInstructions: mapping(['A', 'A'], ['T2', 'end']) },
        409,
        /waits for event 'T2', which is mapped to 'end'/,
      ],
      [
        key,
        { targetProcessDefinitionKey: '999999999', mappingInstructions: mapping(['A', 'A']) },
        404,
        /no process definition was found/,
      ],
      [
        '424242424242',
        { targetProcessDefinitionKey: target, mappingInstructions: mapping(['A', 'A']) },
        404,
        /424242424242/,
      ],
      [key, { targetProcessDefinitionKey: target }, 400, /mappingInstructions/],
    ];
    for (const [instanceKey, body, status, detail] of cases) {
      for (const path of ['migration', 'migration/dry-run']) {
        const answer = await server.call('POST', `/v2/process-instances/${instanceKey}/${path}`, body);
        expect({ path, body, status: answer.status }).toEqual({ path, body, status });
        expect(problemSchema.parse(answer.body).detail).toMatch(detail);
      }
    }
    expect(await instanceOf(key)).toMatchObject({
      processDefinitionKey: v2.processDefinitionKey,
      state: 'ACTIVE',
    });
  });
});
