// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: the
// instance history (issue 17) over GET /v2/process-instances/{key}/history — every applied
// command in order with its time, the tokens it moved, the variables it changed (before → after)
// and, for an operator's action, the operator's name: the subject of the token the call carried.
import { instanceHistoryResponseSchema, problemSchema, type HistoryEntry } from '@baton/contracts';
import { OPERATOR_ROLE, WORKER_ROLE } from '@baton/platform';
import { approvalProcessXml, testToken, uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { startTestRuntime } from '../support/test-runtime';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 25 };
jest.setTimeout(40_000);

/** The operator's name: the subject of the token every call of this test carries. */
const OPERATOR = 'operator-olga';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine, {
    token: await testToken([OPERATOR_ROLE, WORKER_ROLE], { subject: OPERATOR }),
  });
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function history(processInstanceKey: string, query = '') {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/history${query}`);
  expect(answer.status).toBe(200);
  return instanceHistoryResponseSchema.parse(answer.body);
}

/** Waits until the history holds an entry of the command (the projector writes it a moment later). */
async function historyUntil(processInstanceKey: string, command: string): Promise<HistoryEntry[]> {
  let items: HistoryEntry[] = [];
  await waitFor(async () => {
    items = (await history(processInstanceKey)).items;
    return items.some((entry) => entry.command === command);
  }, TIMEOUT);
  return items;
}

async function startOrder(): Promise<{ processInstanceKey: string; jobType: string }> {
  const processId = uniqueName('history');
  const jobType = uniqueName('review');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType) },
  ]);
  expect(deployed.status).toBe(200);
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { amount: 10, customer: 'Ada' },
  });
  expect(created.status).toBe(200);
  return { processInstanceKey: created.body.processInstanceKey as string, jobType };
}

async function completeTheJob(jobType: string, variables: Record<string, unknown>): Promise<void> {
  let jobKey: string | undefined;
  await waitFor(async () => {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type: jobType,
      worker: 'history-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 1000,
    });
    jobKey = (answer.body as { jobs: { jobKey: string }[] }).jobs[0]?.jobKey;
    return jobKey !== undefined;
  }, TIMEOUT);
  const completed = await server.call('POST', `/v2/jobs/${jobKey}/completion`, { variables });
  expect(completed.status).toBe(204);
}

describe('GET /v2/process-instances/{key}/history', () => {
  it("keeps every event in order: a variable change before → after and the operator's suspension with their name", async () => {
    const { processInstanceKey, jobType } = await startOrder();
    const set = await server.call('PUT', `/v2/element-instances/${processInstanceKey}/variables`, {
      variables: { amount: 25 },
    });
    expect(set.status).toBe(204);
    const suspended = await server.call('PUT', `/v2/process-instances/${processInstanceKey}/suspension`, {
      suspended: true,
    });
    expect(suspended.status).toBe(204);
    const activated = await server.call('PUT', `/v2/process-instances/${processInstanceKey}/suspension`, {
      suspended: false,
    });
    expect(activated.status).toBe(204);
    await completeTheJob(jobType, { approved: true });

    const items = await historyUntil(processInstanceKey, 'COMPLETE_JOB');
    expect(items.map((entry) => [entry.command, entry.actor ?? null])).toEqual([
      ['CREATE_INSTANCE', null],
      ['SET_VARIABLES', OPERATOR],
      ['SUSPEND_INSTANCE', OPERATOR],
      ['ACTIVATE_INSTANCE', OPERATOR],
      ['COMPLETE_JOB', null],
    ]);
    const [created, variablesSet, suspension, activation, completion] = items as [
      HistoryEntry,
      HistoryEntry,
      HistoryEntry,
      HistoryEntry,
      HistoryEntry,
    ];
    // Where the token went: into the service task, then to the end.
    expect(created).toMatchObject({
      state: 'ACTIVE',
      activeElementIds: ['work'],
      completedElementIds: ['start'],
      tokens: [expect.objectContaining({ elementId: 'work', state: 'ACTIVE' })],
      variables: [
        { scopeKey: processInstanceKey, name: 'amount', after: 10 },
        { scopeKey: processInstanceKey, name: 'customer', after: 'Ada' },
      ],
    });
    expect(variablesSet).toMatchObject({
      tokens: [],
      variables: [{ scopeKey: processInstanceKey, name: 'amount', before: 10, after: 25 }],
    });
    expect(suspension).toMatchObject({ suspended: true, activeElementIds: ['work'], variables: [] });
    expect(activation).toMatchObject({ suspended: false });
    expect(completion).toMatchObject({
      state: 'COMPLETED',
      completedElementIds: ['work', 'end'],
      tokens: [expect.objectContaining({ elementId: 'end', state: 'COMPLETED' })],
      variables: [{ scopeKey: processInstanceKey, name: 'approved', after: true }],
    });
    // Time goes forward, newest last.
    const times = items.map((entry) => Date.parse(entry.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('names the operator of a migration and of a cancellation', async () => {
    const processId = uniqueName('history-migration');
    const jobType = uniqueName('review');
    const deploy = async (name: string) => {
      const deployed = await deployThroughApi(server, [
        { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType, { name }) },
      ]);
      expect(deployed.status).toBe(200);
      return deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
    };
    const v1 = await deploy('Order v1');
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionKey: v1 });
    expect(created.status).toBe(200);
    const processInstanceKey = created.body.processInstanceKey as string;
    const v2 = await deploy('Order v2');
    const migrated = await server.call('POST', `/v2/process-instances/${processInstanceKey}/migration`, {
      targetProcessDefinitionKey: v2,
      mappingInstructions: [{ sourceElementId: 'work', targetElementId: 'work' }],
    });
    expect(migrated.status).toBe(204);
    const canceled = await server.call(
      'POST',
      `/v2/process-instances/${processInstanceKey}/cancellation`,
      {},
    );
    expect(canceled.status).toBe(204);

    const items = await historyUntil(processInstanceKey, 'CANCEL_INSTANCE');
    expect(items.map((entry) => [entry.command, entry.actor ?? null, entry.state])).toEqual([
      ['CREATE_INSTANCE', null, 'ACTIVE'],
      ['MIGRATE_INSTANCE', OPERATOR, 'ACTIVE'],
      ['CANCEL_INSTANCE', OPERATOR, 'TERMINATED'],
    ]);
    expect(items[2]).toMatchObject({
      activeElementIds: [],
      tokens: [expect.objectContaining({ elementId: 'work', state: 'TERMINATED' })],
    });
  });

  it('names who assigned and completed a user task', async () => {
    const processId = uniqueName('history-approval');
    const deployed = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: approvalProcessXml(processId) },
    ]);
    expect(deployed.status).toBe(200);
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
    expect(created.status).toBe(200);
    const processInstanceKey = created.body.processInstanceKey as string;
    const userTaskKey = await waitFor(async () => {
      const found = await server.call('POST', '/v2/user-tasks/search', { filter: { processInstanceKey } });
      return (found.body as { items: { userTaskKey: string }[] }).items[0]?.userTaskKey;
    }, TIMEOUT);
    const assigned = await server.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, {
      assignee: 'ada',
    });
    expect(assigned.status).toBe(204);
    const completed = await server.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, {
      variables: { approved: true },
    });
    expect(completed.status).toBe(204);

    const items = await historyUntil(processInstanceKey, 'COMPLETE_USER_TASK');
    expect(items.map((entry) => [entry.command, entry.actor ?? null])).toEqual([
      ['CREATE_INSTANCE', null],
      ['ASSIGN_USER_TASK', OPERATOR],
      ['COMPLETE_USER_TASK', OPERATOR],
    ]);
    expect(items[2]).toMatchObject({
      state: 'COMPLETED',
      variables: [{ scopeKey: processInstanceKey, name: 'approved', after: true }],
    });
  });

  it('pages by cursor, newest last', async () => {
    const { processInstanceKey } = await startOrder();
    for (const amount of [11, 12, 13]) {
      const set = await server.call('PUT', `/v2/element-instances/${processInstanceKey}/variables`, {
        variables: { amount },
      });
      expect(set.status).toBe(204);
    }
    await waitFor(async () => (await history(processInstanceKey)).page.totalItems === 4, TIMEOUT);
    const first = await history(processInstanceKey, '?limit=3');
    expect(first.items.map((entry) => entry.command)).toEqual([
      'CREATE_INSTANCE',
      'SET_VARIABLES',
      'SET_VARIABLES',
    ]);
    expect(first.page).toEqual({ totalItems: 4, endCursor: first.items[2]!.cursor, hasMoreItems: true });
    const second = await history(processInstanceKey, `?limit=3&after=${first.page.endCursor}`);
    expect(second.items.map((entry) => entry.variables)).toEqual([
      [{ scopeKey: processInstanceKey, name: 'amount', before: 12, after: 13 }],
    ]);
    expect(second.page.hasMoreItems).toBe(false);
  });

  it('answers 400 for a bad cursor or limit, and 404 for an unknown instance', async () => {
    const { processInstanceKey } = await startOrder();
    for (const query of ['?after=yesterday', '?limit=0', '?limit=5000', '?page=2']) {
      const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/history${query}`);
      expect(answer.status).toBe(400);
      expect(problemSchema.parse(answer.body).title).toBe('INVALID_ARGUMENT');
    }
    const unknown = await server.call('GET', '/v2/process-instances/2251799813999999/history');
    expect(unknown.status).toBe(404);
  });
});
