// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: job workers
// (long poll, complete, fail, BPMN error) and user tasks (search, assign, complete) through the REST API.
import {
  activateJobsResponseSchema,
  deploymentResponseSchema,
  incidentSchema,
  incidentSearchResponseSchema,
  processInstanceDetailSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { exampleBpmn, serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

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

async function startServiceTaskInstance(variables: Record<string, unknown> = {}) {
  const processId = uniqueName('proc');
  const jobType = uniqueName('job');
  const deployed = deploymentResponseSchema.parse(
    (await deployThroughApi(server, [{ name: 'p.bpmn', content: serviceTaskBpmn(processId, jobType) }])).body,
  );
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables,
  });
  expect(created.status).toBe(200);
  return {
    processId,
    jobType,
    processInstanceKey: created.body.processInstanceKey as string,
    definition: deployed.deployments[0]!.processDefinition!,
  };
}

async function activate(type: string, requestTimeout = 5000, extra: Record<string, unknown> = {}) {
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type,
    worker: 'test-worker',
    timeout: 30_000,
    maxJobsToActivate: 10,
    requestTimeout,
    ...extra,
  });
  expect(answer.status).toBe(200);
  return activateJobsResponseSchema.parse(answer.body).jobs;
}

async function instanceOf(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

describe('jobs', () => {
  it('activates a job with the Camunda fields and completes it', async () => {
    const { jobType, processInstanceKey, definition } = await startServiceTaskInstance({
      orderId: 'A-7',
      secret: 'x',
    });
    const before = Date.now();
    const [job, ...others] = await activate(jobType, 5000, { fetchVariable: ['orderId'] });
    expect(others).toEqual([]);
    expect(job).toEqual({
      jobKey: expect.any(String),
      type: jobType,
      processInstanceKey,
      processDefinitionId: definition.processDefinitionId,
      processDefinitionVersion: 1,
      processDefinitionKey: definition.processDefinitionKey,
      elementId: 'work',
      elementInstanceKey: expect.any(String),
      customHeaders: { channel: 'rest' },
      worker: 'test-worker',
      retries: 3,
      deadline: expect.any(Number),
      variables: { orderId: 'A-7' },
      tenantId: '<default>',
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
    });
    expect(job!.deadline).toBeGreaterThanOrEqual(before + 30_000);

    expect(
      (await server.call('POST', `/v2/jobs/${job!.jobKey}/completion`, { variables: { shipped: true } }))
        .status,
    ).toBe(204);
    const done = await waitFor(async () => {
      const instance = await instanceOf(processInstanceKey);
      return instance.state === 'COMPLETED' ? instance : undefined;
    });
    expect(done.variables).toEqual({ orderId: 'A-7', secret: 'x', shipped: true });

    const again = await server.call('POST', `/v2/jobs/${job!.jobKey}/completion`, {});
    expect([404, 409]).toContain(again.status);
    expect(again.contentType).toContain('application/problem+json');
    expect((await server.call('POST', '/v2/jobs/99999999/completion', {})).status).toBe(404);
  });

  it('answers at once with a negative requestTimeout, and long-polls until a job appears otherwise', async () => {
    const jobType = uniqueName('late');
    const started = Date.now();
    expect(await activate(jobType, -1)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    const waitedFrom = Date.now();
    expect(await activate(jobType, 300)).toEqual([]);
    expect(Date.now() - waitedFrom).toBeGreaterThanOrEqual(250);

    const processId = uniqueName('late-proc');
    await deployThroughApi(server, [{ name: 'late.bpmn', content: serviceTaskBpmn(processId, jobType) }]);
    const polling = activate(jobType, 10_000);
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
    const jobs = await polling;
    expect(jobs.map((job) => job.processInstanceKey)).toEqual([created.body.processInstanceKey]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails a job for a retry, and raises an incident when no retries are left', async () => {
    const { jobType, processInstanceKey } = await startServiceTaskInstance();
    const [first] = await activate(jobType);
    expect(
      (
        await server.call('POST', `/v2/jobs/${first!.jobKey}/failure`, {
          retries: 2,
          errorMessage: 'flaky',
          retryBackOff: 0,
        })
      ).status,
    ).toBe(204);
    const [retried] = await activate(jobType);
    expect(retried).toMatchObject({ jobKey: first!.jobKey, retries: 2 });
    expect(
      (
        await server.call('POST', `/v2/jobs/${retried!.jobKey}/failure`, {
          retries: 0,
          errorMessage: 'broken',
        })
      ).status,
    ).toBe(204);
    const withIncident = await waitFor(async () => {
      const instance = await instanceOf(processInstanceKey);
      return instance.hasIncident ? instance : undefined;
    });
    expect(withIncident.state).toBe('ACTIVE');
    const search = await server.call('POST', '/v2/process-instances/search', {
      filter: { processInstanceKey, hasIncident: true },
    });
    expect(search.body.page.totalItems).toBe(1);
  });

  it('throws a BPMN error from a job', async () => {
    const { jobType, processInstanceKey } = await startServiceTaskInstance();
    const [job] = await activate(jobType);
    const answer = await server.call('POST', `/v2/jobs/${job!.jobKey}/error`, {
      errorCode: 'NO_STOCK',
      errorMessage: 'none left',
    });
    expect(answer.status).toBe(204);
    // No boundary event catches it: the instance stops with an incident.
    await waitFor(async () => (await instanceOf(processInstanceKey)).hasIncident);
    expect((await server.call('POST', `/v2/jobs/${job!.jobKey}/error`, {})).status).toBe(400);
  });
});

describe('job and incident operations', () => {
  async function incidentsOf(processInstanceKey: string) {
    const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
    expect(answer.status).toBe(200);
    return incidentSearchResponseSchema.parse(answer.body).items;
  }

  it('resumes a job out of retries: retries raised with PATCH, then the incident resolved', async () => {
    const { jobType, processInstanceKey, processId } = await startServiceTaskInstance();
    const [job] = await activate(jobType);
    await server.call('POST', `/v2/jobs/${job!.jobKey}/failure`, { retries: 0, errorMessage: 'broken' });
    const [incident] = await waitFor(async () => {
      const found = await incidentsOf(processInstanceKey);
      return found.length > 0 ? found : undefined;
    });
    expect(incident).toMatchObject({
      processInstanceKey,
      processDefinitionId: processId,
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'broken',
      jobKey: job!.jobKey,
      state: 'ACTIVE',
    });
    const fetched = await server.call('GET', `/v2/incidents/${incident!.incidentKey}`);
    expect(incidentSchema.parse(fetched.body)).toEqual(incident);
    const anywhere = await server.call('POST', '/v2/incidents/search', {
      filter: { jobKey: job!.jobKey, state: 'ACTIVE' },
    });
    expect(incidentSearchResponseSchema.parse(anywhere.body).items).toEqual([incident]);

    const tooEarly = await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`, {});
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.detail).toContain('no retries left');
    expect(
      (await server.call('PATCH', `/v2/jobs/${job!.jobKey}`, { changeset: { retries: 2 } })).status,
    ).toBe(204);
    expect((await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`)).status).toBe(204);

    const [again] = await activate(jobType);
    expect(again).toMatchObject({ jobKey: job!.jobKey, retries: 2 });
    expect((await server.call('POST', `/v2/jobs/${again!.jobKey}/completion`, {})).status).toBe(204);
    await waitFor(async () => (await instanceOf(processInstanceKey)).state === 'COMPLETED');
    expect((await incidentsOf(processInstanceKey)).map((found) => found.state)).toEqual(['RESOLVED']);
    expect((await server.call('GET', `/v2/incidents/${incident!.incidentKey}`)).status).toBe(404);
    expect((await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`)).status).toBe(404);
  });

  it('shortens the timeout of an activated job: it is handed out again when the new one ends', async () => {
    const { jobType } = await startServiceTaskInstance();
    const [job] = await activate(jobType);
    expect(await activate(jobType, -1)).toEqual([]);
    expect(
      (await server.call('PATCH', `/v2/jobs/${job!.jobKey}`, { changeset: { timeout: 1 } })).status,
    ).toBe(204);
    const [again] = await waitFor(async () => {
      const jobs = await activate(jobType, -1);
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(again!.jobKey).toBe(job!.jobKey);
  });

  it('refuses job updates that cannot apply', async () => {
    const { jobType } = await startServiceTaskInstance();
    const unknown = await server.call('PATCH', '/v2/jobs/12345', { changeset: { retries: 1 } });
    expect(unknown.status).toBe(404);
    const [job] = await activate(jobType);
    expect((await server.call('PATCH', `/v2/jobs/${job!.jobKey}`, { changeset: {} })).status).toBe(400);
    await server.call('POST', `/v2/jobs/${job!.jobKey}/failure`, { retries: 1, retryBackOff: 60_000 });
    // Failed for a retry: not activated any more, so there is no timeout to change.
    const notActivated = await waitFor(async () => {
      const answer = await server.call('PATCH', `/v2/jobs/${job!.jobKey}`, { changeset: { timeout: 5000 } });
      return answer.status === 409 ? answer : undefined;
    });
    expect(notActivated.body.detail).toContain('not activated');
  });

  it('sets variables in the scope of an element instance, the root being the process instance', async () => {
    const { processInstanceKey } = await startServiceTaskInstance({ approved: false });
    const answer = await server.call('PUT', `/v2/element-instances/${processInstanceKey}/variables`, {
      variables: { approved: true, reviewer: 'ana' },
    });
    expect(answer.status).toBe(204);
    expect((await instanceOf(processInstanceKey)).variables).toEqual({ approved: true, reviewer: 'ana' });
    const unknown = await server.call('PUT', '/v2/element-instances/999/variables', { variables: {} });
    expect(unknown.status).toBe(404);
  });
});

describe('user tasks', () => {
  it('searches, assigns and completes the user task of the order process', async () => {
    const deployed = deploymentResponseSchema.parse(
      (
        await deployThroughApi(server, [
          { name: 'order-process.bpmn', content: exampleBpmn('order-process.bpmn') },
        ])
      ).body,
    );
    expect(deployed.deployments[0]!.processDefinition!.processDefinitionId).toBe('order-process');
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: 'order-process',
      variables: { total: 50 },
    });
    const processInstanceKey = created.body.processInstanceKey as string;

    const [checkStock] = await activate('check-stock');
    expect(checkStock!.processInstanceKey).toBe(processInstanceKey);
    await server.call('POST', `/v2/jobs/${checkStock!.jobKey}/completion`, { variables: { inStock: true } });

    const search = async (filter: Record<string, unknown>) =>
      userTaskSearchResponseSchema.parse(
        (await server.call('POST', '/v2/user-tasks/search', { filter })).body,
      );
    const created_ = await waitFor(
      async () => (await search({ processInstanceKey, state: 'CREATED' })).items[0],
    );
    expect(created_).toMatchObject({
      name: 'Pack order',
      state: 'CREATED',
      elementId: 'Activity_PackOrder',
      candidateGroups: ['warehouse'],
      candidateUsers: [],
      processDefinitionId: 'order-process',
      processInstanceKey,
      tenantId: '<default>',
    });
    expect(created_.assignee).toBeUndefined();

    // At the parallel split the parent token waits ON_HOLD while one child runs each branch.
    const split = await instanceOf(processInstanceKey);
    expect(split.activeElementIds).toEqual(
      expect.arrayContaining(['Activity_ChargePayment', 'Activity_PackOrder']),
    );
    const onHold = split.tokens.find((token) => token.state === 'ON_HOLD');
    expect(onHold).toBeDefined();
    expect(
      split.tokens.filter((token) => token.parentTokenKey === onHold!.tokenKey && token.state === 'ACTIVE'),
    ).toHaveLength(2);

    const userTaskKey = created_.userTaskKey;
    expect(
      (await server.call('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { assignee: 'dana' })).status,
    ).toBe(204);
    expect(
      (await search({ assignee: 'dana', processInstanceKey })).items.map((task) => task.userTaskKey),
    ).toEqual([userTaskKey]);
    expect((await server.call('GET', `/v2/user-tasks/${userTaskKey}`)).body).toMatchObject({
      assignee: 'dana',
    });

    expect(
      (await server.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, { variables: { packed: true } }))
        .status,
    ).toBe(204);
    const [charge] = await activate('charge-payment');
    expect(charge!.variables).toMatchObject({ amount: 50 });
    await server.call('POST', `/v2/jobs/${charge!.jobKey}/completion`, {
      variables: { transactionId: 'T-1' },
    });

    const done = await waitFor(async () => {
      const instance = await instanceOf(processInstanceKey);
      return instance.state === 'COMPLETED' ? instance : undefined;
    });
    expect(done.variables).toMatchObject({
      total: 50,
      inStock: true,
      packed: true,
      paymentTransactionId: 'T-1',
    });
    expect((await search({ userTaskKey })).items[0]).toMatchObject({
      state: 'COMPLETED',
      completionDate: expect.any(String),
    });
    expect([404, 409]).toContain(
      (await server.call('POST', `/v2/user-tasks/${userTaskKey}/completion`, {})).status,
    );
  });
});
