// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda 7
// suspension through the REST API. A suspended definition is not started (409); a suspended
// instance keeps its tokens where they are — its jobs are not handed out, job and user task
// answers are refused (409), a message and a due timer wait — and everything resumes on
// activation; job definitions (jobs, timers, asynchronous continuations) and jobs are searched and
// suspended, as in the Camunda 7 docs' processPayment example.
import {
  activateJobsResponseSchema,
  incidentSearchResponseSchema,
  jobDefinitionSearchResponseSchema,
  jobSearchResponseSchema,
  processInstanceDetailSchema,
  problemSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { timerStartBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { childBpmn, parentBpmn } from '../fixtures/call-activity-fixtures';
import { asyncPaymentBpmn, suspensionFlowBpmn } from '../fixtures/suspension-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 25 };
jest.setTimeout(40_000);

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

interface Flow {
  readonly processId: string;
  readonly jobType: string;
  readonly messageName: string;
  readonly processDefinitionKey: string;
}

async function deployFlow(duration = 'PT1S'): Promise<Flow> {
  const processId = uniqueName('suspension');
  const jobType = uniqueName('work');
  const messageName = uniqueName('paid');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: suspensionFlowBpmn(processId, jobType, messageName, duration) },
  ]);
  expect(deployed.status).toBe(200);
  const processDefinitionKey = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
  return { processId, jobType, messageName, processDefinitionKey };
}

async function create(processId: string, variables: Record<string, unknown> = {}) {
  return server.call('POST', '/v2/process-instances', { processDefinitionId: processId, variables });
}

async function startInstance(processId: string, variables: Record<string, unknown> = {}): Promise<string> {
  const created = await create(processId, variables);
  expect(created.status).toBe(200);
  return created.body.processInstanceKey as string;
}

async function activate(type: string, requestTimeout = 5000) {
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type,
    worker: 'suspension-test',
    timeout: 30_000,
    maxJobsToActivate: 10,
    requestTimeout,
  });
  expect(answer.status).toBe(200);
  return activateJobsResponseSchema.parse(answer.body).jobs;
}

async function instance(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

async function searchJobs(filter: Record<string, unknown>, page?: Record<string, number>) {
  const answer = await server.call('POST', '/v2/jobs/search', { filter, ...(page ? { page } : {}) });
  expect(answer.status).toBe(200);
  return jobSearchResponseSchema.parse(answer.body);
}

/**
 * The jobs listed once `count` match: the job and timer stores are written just after the
 * instance, so an instance seen at an element may not have its job or timer listed yet.
 */
async function listedJobs(filter: Record<string, unknown>, count: number) {
  let items: Awaited<ReturnType<typeof searchJobs>>['items'] = [];
  await waitFor(async () => {
    items = (await searchJobs(filter)).items;
    return items.length === count;
  }, TIMEOUT);
  return items;
}

async function jobDefinitions(filter: Record<string, unknown>) {
  const answer = await server.call('POST', '/v2/job-definitions/search', { filter });
  expect(answer.status).toBe(200);
  return jobDefinitionSearchResponseSchema.parse(answer.body).items;
}

function suspendInstance(processInstanceKey: string, suspended: boolean) {
  return server.call('PUT', `/v2/process-instances/${processInstanceKey}/suspension`, { suspended });
}

/** Waits until the instance waits at `elementId`. */
async function reaches(processInstanceKey: string, elementId: string): Promise<void> {
  await waitFor(
    async () => (await instance(processInstanceKey)).activeElementIds.includes(elementId),
    TIMEOUT,
  );
}

/** Starts an instance of the flow and takes it to its timer `cool` (armed with `delay`, if given). */
async function waitAtTimer(flow: Flow, orderId: string, delay?: string): Promise<string> {
  const key = await startInstance(flow.processId, { orderId, ...(delay ? { delay } : {}) });
  const [job] = await activate(flow.jobType);
  expect((await server.call('POST', `/v2/jobs/${job?.jobKey}/completion`, { variables: {} })).status).toBe(
    204,
  );
  await server.call('POST', '/v2/messages/publication', {
    name: flow.messageName,
    correlationKey: orderId,
    timeToLive: 60_000,
  });
  await reaches(key, 'cool');
  await listedJobs({ processInstanceKey: key, type: 'timer' }, 1);
  return key;
}

/** The instance's open user task, once listed. */
async function openUserTask(processInstanceKey: string) {
  return waitFor(async () => {
    const answer = await server.call('POST', '/v2/user-tasks/search', {
      filter: { processInstanceKey, state: 'CREATED' },
    });
    return userTaskSearchResponseSchema.parse(answer.body).items[0];
  }, TIMEOUT);
}

describe('process definition suspension', () => {
  it('refuses to start a suspended definition with 409 naming it, and starts it again once activated', async () => {
    const flow = await deployFlow();
    const suspended = await server.call(
      'PUT',
      `/v2/process-definitions/${flow.processDefinitionKey}/suspension`,
      {
        suspended: true,
      },
    );
    expect(suspended.status).toBe(200);
    expect(suspended.body).toEqual({
      processDefinitionKey: flow.processDefinitionKey,
      suspended: true,
      processInstancesChanged: 0,
    });
    const refused = await create(flow.processId, { orderId: 'o-1' });
    expect(refused.status).toBe(409);
    expect(problemSchema.parse(refused.body)).toMatchObject({ title: 'INVALID_STATE', status: 409 });
    expect(refused.body.detail).toContain(`Process definition '${flow.processId}'`);
    expect(refused.body.detail).toContain('is suspended');

    await server.call('PUT', `/v2/process-definitions/${flow.processDefinitionKey}/suspension`, {
      suspended: false,
    });
    expect((await create(flow.processId, { orderId: 'o-1' })).status).toBe(200);
  });

  it('cascades to the active instances with includeProcessInstances', async () => {
    const flow = await deployFlow();
    const first = await startInstance(flow.processId, { orderId: 'o-1' });
    const second = await startInstance(flow.processId, { orderId: 'o-2' });
    await reaches(second, 'work');
    const answer = await server.call(
      'PUT',
      `/v2/process-definitions/${flow.processDefinitionKey}/suspension`,
      {
        suspended: true,
        includeProcessInstances: true,
      },
    );
    expect(answer.body.processInstancesChanged).toBe(2);
    expect((await instance(first)).suspended).toBe(true);
    const jobs = await searchJobs({ type: flow.jobType });
    expect(jobs.items.map((job) => job.suspended)).toEqual([true, true]);
    expect(await activate(flow.jobType, 300)).toEqual([]);

    await server.call('PUT', `/v2/process-definitions/${flow.processDefinitionKey}/suspension`, {
      suspended: false,
      includeProcessInstances: true,
    });
    expect((await instance(first)).suspended).toBeUndefined();
    const activated = await activate(flow.jobType);
    expect(activated.map((job) => job.processInstanceKey).sort()).toEqual([first, second].sort());
  });

  it('refuses a call activity the start of a suspended called process: an incident names it', async () => {
    const childId = uniqueName('called');
    const parentId = uniqueName('caller');
    const child = await deployThroughApi(server, [
      { name: `${childId}.bpmn`, content: childBpmn(childId, uniqueName('child-job')) },
    ]);
    await deployThroughApi(server, [{ name: `${parentId}.bpmn`, content: parentBpmn(parentId, childId) }]);
    const childKey = child.body.deployments[0].processDefinition.processDefinitionKey as string;
    await server.call('PUT', `/v2/process-definitions/${childKey}/suspension`, { suspended: true });
    const parentKey = await startInstance(parentId);
    const incidents = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/incidents/search', {
        filter: { processInstanceKey: parentKey },
      });
      const found = incidentSearchResponseSchema.parse(answer.body).items;
      return found.length > 0 ? found : undefined;
    }, TIMEOUT);
    expect(incidents[0]).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(incidents[0]?.errorMessage).toContain('is suspended');
  });

  it('parks the start timers of a suspended definition and fires them after activation', async () => {
    const processId = uniqueName('timer-start');
    const deployed = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: timerStartBpmn(processId, timerValue('timeDuration', 'PT1S')) },
    ]);
    const processDefinitionKey = deployed.body.deployments[0].processDefinition
      .processDefinitionKey as string;
    await server.call('PUT', `/v2/process-definitions/${processDefinitionKey}/suspension`, {
      suspended: true,
    });
    const [timer] = (await searchJobs({ processDefinitionKey, type: 'timer' })).items;
    expect(timer).toMatchObject({ type: 'timer', state: 'SCHEDULED', suspended: true, elementId: 'tick' });
    const alone = await server.call('PUT', `/v2/jobs/${timer?.jobKey}/suspension`, { suspended: false });
    expect(alone.status).toBe(409);
    expect(alone.body.detail).toContain('activate the process definition');
    await server.call('PUT', `/v2/process-definitions/${processDefinitionKey}/suspension`, {
      suspended: false,
    });
    expect((await searchJobs({ processDefinitionKey, type: 'timer' })).items[0]).toMatchObject({
      suspended: false,
      dueDate: timer?.dueDate,
    });
    await waitFor(async () => {
      const found = await server.call('POST', '/v2/process-instances/search', {
        filter: { processDefinitionKey },
      });
      return found.body.items.length === 1;
    }, TIMEOUT);
  });
});

describe('process instance suspension', () => {
  it('hands out no job and refuses job answers while suspended; the job is available again after activation', async () => {
    const flow = await deployFlow();
    const key = await startInstance(flow.processId, { orderId: 'o-1' });
    const [locked] = await listedJobs({ processInstanceKey: key }, 1);
    expect((await suspendInstance(key, true)).status).toBe(204);
    expect((await instance(key)).suspended).toBe(true);
    expect(await activate(flow.jobType, 300)).toEqual([]);
    const refused = await server.call('POST', `/v2/jobs/${locked?.jobKey}/completion`, { variables: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('the process instance is suspended');
    expect((await searchJobs({ processInstanceKey: key, suspended: true })).items).toEqual([
      expect.objectContaining({
        jobKey: locked?.jobKey,
        state: 'ACTIVATABLE',
        suspended: true,
        elementId: 'work',
      }),
    ]);
    // Variables may still change.
    const set = await server.call('PUT', `/v2/element-instances/${key}/variables`, {
      variables: { note: 'held' },
    });
    expect(set.status).toBe(204);
    expect((await instance(key)).variables).toMatchObject({ note: 'held' });

    expect((await suspendInstance(key, false)).status).toBe(204);
    const [job] = await activate(flow.jobType);
    expect(job?.jobKey).toBe(locked?.jobKey);
    expect((await server.call('POST', `/v2/jobs/${job?.jobKey}/completion`, { variables: {} })).status).toBe(
      204,
    );
    await reaches(key, 'pay');
  });

  it('keeps a message and a due timer waiting until activation, then resumes; user task completion is refused meanwhile', async () => {
    // Long enough for the suspension to land before the timer falls due, on a loaded machine too.
    const flow = await deployFlow('PT3S');
    const key = await startInstance(flow.processId, { orderId: 'o-9' });
    const [job] = await activate(flow.jobType);
    await server.call('POST', `/v2/jobs/${job?.jobKey}/completion`, { variables: {} });
    await reaches(key, 'pay');

    await suspendInstance(key, true);
    const published = await server.call('POST', '/v2/messages/publication', {
      name: flow.messageName,
      correlationKey: 'o-9',
      timeToLive: 60_000,
      variables: { paid: 42 },
    });
    expect(published.status).toBe(200);
    expect((await instance(key)).activeElementIds).toEqual(['pay']);
    await suspendInstance(key, false);
    await reaches(key, 'cool');
    expect((await instance(key)).variables).toMatchObject({ paid: 42 });

    // The timer falls due while the instance is suspended: it waits and fires on activation.
    await suspendInstance(key, true);
    const [timer] = (await searchJobs({ processInstanceKey: key, type: 'timer' })).items;
    expect(timer).toMatchObject({ state: 'SCHEDULED', suspended: true, elementId: 'cool' });
    await waitFor(
      async () => (await searchJobs({ processInstanceKey: key, type: 'timer' })).items.length === 0,
      TIMEOUT,
    );
    expect((await instance(key)).activeElementIds).toEqual(['cool']);
    await suspendInstance(key, false);
    await reaches(key, 'review');

    const task = await openUserTask(key);
    await suspendInstance(key, true);
    const refused = await server.call('POST', `/v2/user-tasks/${task?.userTaskKey}/completion`, {});
    expect(refused.status).toBe(409);
    await suspendInstance(key, false);
    expect((await server.call('POST', `/v2/user-tasks/${task?.userTaskKey}/completion`, {})).status).toBe(
      204,
    );
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', TIMEOUT);
  });

  it('answers 404 for an unknown instance', async () => {
    const answer = await suspendInstance('2251799813999999', true);
    expect(answer.status).toBe(404);
  });
});

describe('job definitions and jobs', () => {
  it('creates job definitions at deploy for the job and the timer, searchable by element and type', async () => {
    const flow = await deployFlow();
    const all = await jobDefinitions({ processDefinitionKey: flow.processDefinitionKey });
    expect(
      all.map((definition) => [definition.elementId, definition.type, definition.jobConfiguration]),
    ).toEqual([
      ['work', flow.jobType, 'job'],
      ['cool', 'timer', 'timer'],
    ]);
    expect(all.every((definition) => !definition.suspended)).toBe(true);
    expect(await jobDefinitions({ processDefinitionKey: flow.processDefinitionKey, type: 'timer' })).toEqual([
      expect.objectContaining({ elementId: 'cool' }),
    ]);
  });

  it('suspends a job definition with its jobs; new jobs are created suspended; activation with includeJobs releases them', async () => {
    const flow = await deployFlow();
    const before = await startInstance(flow.processId, { orderId: 'o-1' });
    await reaches(before, 'work');
    const [work] = await jobDefinitions({
      processDefinitionKey: flow.processDefinitionKey,
      elementId: 'work',
    });
    const suspended = await server.call('PUT', `/v2/job-definitions/${work?.jobDefinitionKey}/suspension`, {
      suspended: true,
      includeJobs: true,
    });
    expect(suspended.body).toEqual({
      jobDefinitionKey: work?.jobDefinitionKey,
      suspended: true,
      jobsChanged: 1,
    });
    const after = await startInstance(flow.processId, { orderId: 'o-2' });
    await reaches(after, 'work');
    await waitFor(
      async () => (await searchJobs({ type: flow.jobType, suspended: true })).page.totalItems === 2,
      TIMEOUT,
    );
    expect(await activate(flow.jobType, 300)).toEqual([]);

    await server.call('PUT', `/v2/job-definitions/${work?.jobDefinitionKey}/suspension`, {
      suspended: false,
      includeJobs: true,
    });
    await waitFor(
      async () => (await searchJobs({ type: flow.jobType, suspended: false })).page.totalItems === 2,
      TIMEOUT,
    );
    expect((await activate(flow.jobType)).map((job) => job.processInstanceKey).sort()).toEqual(
      [before, after].sort(),
    );
  });

  it('suspends and activates one job, and pages the job search', async () => {
    const flow = await deployFlow();
    await startInstance(flow.processId, { orderId: 'a' });
    await startInstance(flow.processId, { orderId: 'b' });
    await listedJobs({ type: flow.jobType }, 2);
    const page = await searchJobs({ type: flow.jobType }, { from: 1, limit: 1 });
    expect(page.page.totalItems).toBe(2);
    expect(page.items).toHaveLength(1);
    const [first] = (await searchJobs({ type: flow.jobType })).items;
    expect(
      (await server.call('PUT', `/v2/jobs/${first?.jobKey}/suspension`, { suspended: true })).status,
    ).toBe(204);
    const activated = await activate(flow.jobType);
    expect(activated.map((job) => job.jobKey)).not.toContain(first?.jobKey);
    expect(activated).toHaveLength(1);
    await server.call('PUT', `/v2/jobs/${first?.jobKey}/suspension`, { suspended: false });
    expect((await activate(flow.jobType)).map((job) => job.jobKey)).toEqual([first?.jobKey]);
    expect(
      (await server.call('PUT', '/v2/jobs/2251799813999999/suspension', { suspended: true })).status,
    ).toBe(404);
  });

  it('holds the timers armed while their timer job definition is suspended; an overdue one fires once activated as a job', async () => {
    const flow = await deployFlow('=delay');
    // Armed before the suspension, without includeJobs: stays active, and falls due last.
    const first = await waitAtTimer(flow, 'a', 'PT8S');
    const [cool] = await jobDefinitions({
      processDefinitionKey: flow.processDefinitionKey,
      elementId: 'cool',
    });
    const suspend = (suspended: boolean) =>
      server.call('PUT', `/v2/job-definitions/${cool?.jobDefinitionKey}/suspension`, { suspended });
    expect((await suspend(true)).body).toMatchObject({ suspended: true, jobsChanged: 0 });
    const held = await waitAtTimer(flow, 'b', 'PT1S');
    const [firstTimer] = (await searchJobs({ processInstanceKey: first, type: 'timer' })).items;
    const [heldTimer] = (await searchJobs({ processInstanceKey: held, type: 'timer' })).items;
    expect(firstTimer).toMatchObject({ suspended: false });
    expect(heldTimer).toMatchObject({ suspended: true, elementId: 'cool' });
    // Once the first timer has fired, the held one was due too.
    expect(Date.parse(heldTimer?.dueDate ?? '')).toBeLessThan(Date.parse(firstTimer?.dueDate ?? ''));
    await reaches(first, 'review');
    expect((await instance(held)).activeElementIds).toEqual(['cool']);

    // Activating the job definition alone leaves its suspended timers suspended (Camunda 7).
    expect((await suspend(false)).body).toMatchObject({ suspended: false, jobsChanged: 0 });
    expect((await searchJobs({ processInstanceKey: held, type: 'timer' })).items).toEqual([
      expect.objectContaining({ suspended: true, dueDate: heldTimer?.dueDate }),
    ]);
    expect(
      (await server.call('PUT', `/v2/jobs/${heldTimer?.jobKey}/suspension`, { suspended: false })).status,
    ).toBe(204);
    await reaches(held, 'review');
  });

  it('suspends the waiting timers of a timer job definition with includeJobs, keeping their due dates', async () => {
    const flow = await deployFlow('PT1H');
    const key = await waitAtTimer(flow, 'c');
    const [timer] = (await searchJobs({ processInstanceKey: key, type: 'timer' })).items;
    const [cool] = await jobDefinitions({
      processDefinitionKey: flow.processDefinitionKey,
      elementId: 'cool',
    });
    const suspend = (suspended: boolean) =>
      server.call('PUT', `/v2/job-definitions/${cool?.jobDefinitionKey}/suspension`, {
        suspended,
        includeJobs: true,
      });
    expect((await suspend(true)).body).toMatchObject({ suspended: true, jobsChanged: 1 });
    expect((await searchJobs({ processInstanceKey: key, suspended: true })).items).toEqual([
      expect.objectContaining({ jobKey: timer?.jobKey, dueDate: timer?.dueDate }),
    ]);
    expect((await suspend(false)).body).toMatchObject({ suspended: false, jobsChanged: 1 });
    expect((await searchJobs({ processInstanceKey: key, type: 'timer' })).items).toEqual([
      expect.objectContaining({ jobKey: timer?.jobKey, suspended: false, dueDate: timer?.dueDate }),
    ]);
  });

  it('filters timers by due date', async () => {
    const flow = await deployFlow('PT1H');
    const key = await waitAtTimer(flow, 'o-1');
    const inAnHour = Date.now() + 3_600_000;
    const within = await searchJobs({
      processInstanceKey: key,
      dueDate: {
        from: new Date(inAnHour - 60_000).toISOString(),
        to: new Date(inAnHour + 60_000).toISOString(),
      },
    });
    expect(within.items).toEqual([
      expect.objectContaining({ type: 'timer', elementId: 'cool', suspended: false }),
    ]);
    const before = await searchJobs({
      processInstanceKey: key,
      dueDate: { to: new Date(inAnHour - 600_000).toISOString() },
    });
    expect(before.items).toEqual([]);
  });
});

describe('asynchronous continuations (Camunda 7 processPayment)', () => {
  it('holds instances before processPayment while its async-before job definition is suspended', async () => {
    const processId = uniqueName('payment');
    const jobType = uniqueName('pay');
    const deployed = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: asyncPaymentBpmn(processId, jobType) },
    ]);
    const processDefinitionKey = deployed.body.deployments[0].processDefinition
      .processDefinitionKey as string;
    const definitions = await jobDefinitions({ processDefinitionKey, elementId: 'processPayment' });
    expect(definitions.map((definition) => definition.jobConfiguration)).toEqual(['async-before', 'job']);
    const continuation = definitions[0];
    expect(continuation?.type).toBe('baton:async-continuation');

    // Not suspended: the engine continues at once and the worker job appears.
    const free = await startInstance(processId);
    expect((await activate(jobType)).map((job) => job.processInstanceKey)).toEqual([free]);

    await server.call('PUT', `/v2/job-definitions/${continuation?.jobDefinitionKey}/suspension`, {
      suspended: true,
    });
    const held = await startInstance(processId);
    await waitFor(
      async () =>
        (await searchJobs({ processInstanceKey: held, type: 'baton:async-continuation' })).items.length === 1,
      TIMEOUT,
    );
    expect((await searchJobs({ processInstanceKey: held })).items).toEqual([
      expect.objectContaining({
        type: 'baton:async-continuation',
        suspended: true,
        elementId: 'processPayment',
      }),
    ]);
    expect(await activate(jobType, 300)).toEqual([]);

    await server.call('PUT', `/v2/job-definitions/${continuation?.jobDefinitionKey}/suspension`, {
      suspended: false,
      includeJobs: true,
    });
    expect((await activate(jobType)).map((job) => job.processInstanceKey)).toEqual([held]);
  });
});
