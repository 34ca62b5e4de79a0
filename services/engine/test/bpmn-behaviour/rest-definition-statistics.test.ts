// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda
// 8.8's definition statistics (POST /v2/process-definitions/{key}/statistics/element-instances).
// Four instances of start → service task → end — one completed, one with an incident, one waiting,
// one canceled — give the counts Camunda gives (completed only for end events), and the filter
// (the SDK's ProcessDefinitionElementStatisticsQuery shape) selects which instances count. The
// SDK's REST client has no call for this route, so it is called over REST with the SDK's types.
import type { components } from '@camunda8/sdk/dist/dto/schema';
import { activateJobsResponseSchema, processDefinitionStatisticsResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { inclusiveGatewayBpmn } from '../fixtures/gateway-fixtures';
import { startTestRuntime } from '../support/test-runtime';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

type StatisticsQuery = components['schemas']['ProcessDefinitionElementStatisticsQuery'];
type StatisticsResult = components['schemas']['ProcessDefinitionElementStatisticsQueryResult'];

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 25 };
jest.setTimeout(40_000);

let engine: EngineRuntime;
let server: TestServer;
let processDefinitionKey: string;
const instances: Record<'completed' | 'incident' | 'waiting' | 'canceled', string> = {
  completed: '',
  incident: '',
  waiting: '',
  canceled: '',
};

async function statistics(query: StatisticsQuery, key = processDefinitionKey) {
  return server.call('POST', `/v2/process-definitions/${key}/statistics/element-instances`, query);
}

async function counts(query: StatisticsQuery): Promise<StatisticsResult> {
  const answer = await statistics(query);
  expect(answer.status).toBe(200);
  return processDefinitionStatisticsResponseSchema.parse(answer.body);
}

const nothing = { active: 0, canceled: 0, incidents: 0, completed: 0 };

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  const processId = uniqueName('statistics');
  const jobType = uniqueName('statistics-work');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType, { retries: 1 }) },
  ]);
  expect(deployed.status).toBe(200);
  processDefinitionKey = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
  for (const role of Object.keys(instances) as (keyof typeof instances)[]) {
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { role },
    });
    expect(created.status).toBe(200);
    instances[role] = created.body.processInstanceKey as string;
  }
  const jobs = await waitFor(
    async () => {
      const answer = await server.call('POST', '/v2/jobs/activation', {
        type: jobType,
        worker: 'statistics-test',
        timeout: 60_000,
        maxJobsToActivate: 10,
        requestTimeout: 1000,
      });
      const activated = activateJobsResponseSchema.parse(answer.body).jobs;
      return activated.length === 4 ? activated : undefined;
    },
    { ...TIMEOUT, description: 'the four jobs' },
  );
  const jobOf = (role: keyof typeof instances) =>
    jobs.find((job) => job.processInstanceKey === instances[role])!.jobKey;
  expect((await server.call('POST', `/v2/jobs/${jobOf('completed')}/completion`, {})).status).toBe(204);
  expect(
    (
      await server.call('POST', `/v2/jobs/${jobOf('incident')}/failure`, {
        retries: 0,
        errorMessage: 'the warehouse does not answer',
      })
    ).status,
  ).toBe(204);
  expect(
    (await server.call('POST', `/v2/process-instances/${instances.canceled}/cancellation`, {})).status,
  ).toBe(204);
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

it('counts active, incident and canceled element instances, and completed end events', async () => {
  const expected = [
    { elementId: 'work', active: 1, canceled: 1, incidents: 1, completed: 0 },
    { elementId: 'end', ...nothing, completed: 1 },
  ];
  // The job answers are applied after they are answered: wait for the counts to settle on them.
  await waitFor(async () => JSON.stringify((await counts({})).items) === JSON.stringify(expected), {
    ...TIMEOUT,
    description: 'the statistics of the four instances',
  });
  expect(await counts({})).toEqual({ items: expected });
});

it('counts only the instances the filter selects', async () => {
  await waitFor(async () => (await counts({})).items?.length === 2, { ...TIMEOUT, description: 'settled' });

  expect(await counts({ filter: { hasIncident: true } })).toEqual({
    items: [{ elementId: 'work', ...nothing, incidents: 1 }],
  });
  expect(await counts({ filter: { state: 'COMPLETED' } })).toEqual({
    items: [{ elementId: 'end', ...nothing, completed: 1 }],
  });
  expect(await counts({ filter: { state: 'TERMINATED' } })).toEqual({
    items: [{ elementId: 'work', ...nothing, canceled: 1 }],
  });
  expect(await counts({ filter: { variables: [{ name: 'role', value: '"waiting"' }] } })).toEqual({
    items: [{ elementId: 'work', ...nothing, active: 1 }],
  });
  expect(await counts({ filter: { processInstanceKey: instances.completed } })).toEqual({
    items: [{ elementId: 'end', ...nothing, completed: 1 }],
  });
});

it('counts a canceled branch where it was, not the join its finished sibling waited at', async () => {
  const processId = uniqueName('statistics-join');
  const prefix = uniqueName('statistics-join');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: inclusiveGatewayBpmn(processId, prefix) },
  ]);
  const key = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { amount: 20, vip: true },
  });
  const processInstanceKey = created.body.processInstanceKey as string;
  const jobA = await waitFor(
    async () => {
      const answer = await server.call('POST', '/v2/jobs/activation', {
        type: `${prefix}-a`,
        worker: 'statistics-test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
      return activateJobsResponseSchema.parse(answer.body).jobs[0];
    },
    { ...TIMEOUT, description: "branch a's job" },
  );
  expect((await server.call('POST', `/v2/jobs/${jobA.jobKey}/completion`, {})).status).toBe(204);
  // Branch a's token waits at the join while b runs.
  await waitFor(
    async () => {
      const items = processDefinitionStatisticsResponseSchema.parse((await statistics({}, key)).body).items;
      return items.length === 1 && items[0]?.elementId === 'b' && items[0].active === 1;
    },
    { ...TIMEOUT, description: 'only b active' },
  );
  expect(
    (await server.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {})).status,
  ).toBe(204);

  await waitFor(
    async () =>
      JSON.stringify((await statistics({}, key)).body) ===
      JSON.stringify({ items: [{ elementId: 'b', ...nothing, canceled: 1 }] }),
    { ...TIMEOUT, description: 'b canceled, nothing at the join' },
  );
});

it('answers 404 for an unknown definition and 400 for a filter it cannot evaluate', async () => {
  const unknown = await statistics({}, '2251799813699999');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });

  const orFilter = await statistics({ filter: { $or: [{ hasIncident: true }] } });
  expect(orFilter.status).toBe(400);
  expect(orFilter.body).toMatchObject({ title: 'INVALID_ARGUMENT', detail: expect.stringContaining('$or') });

  const badKey = await statistics({}, 'twelve');
  expect(badKey.status).toBe(400);
});
