// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB:
// multi-instance service tasks, parallel (one job per item, outputs collected in item order) and
// sequential (one job at a time, ended early by the completion condition), an input collection
// that is no list (an incident), a multi-instance call activity (one child per item), and a
// deployment refused for a missing input collection.
import {
  activateJobsResponseSchema,
  incidentSearchResponseSchema,
  instanceLiveStateSchema,
  type ActivatedJobResponse as ActivatedJob,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { childBpmn } from '../fixtures/call-activity-fixtures';
import {
  multiInstanceCallActivityBpmn,
  multiInstanceServiceTaskBpmn,
} from '../fixtures/multi-instance-fixtures';
import { completeJobOf, deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
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

const deploy = (processId: string, content: string) => deployProcess(server, processId, content);

const startInstance = (processId: string, variables: Record<string, unknown> = {}) =>
  startInstanceOf(server, processId, variables);

/** Long-polls until `count` jobs of a type were activated. */
async function activate(type: string, count: number): Promise<ActivatedJob[]> {
  const jobs: ActivatedJob[] = [];
  while (jobs.length < count) {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type,
      worker: 'multi-instance-test',
      timeout: 30_000,
      maxJobsToActivate: count - jobs.length,
      requestTimeout: 10_000,
    });
    expect(answer.status).toBe(200);
    const activated = activateJobsResponseSchema.parse(answer.body).jobs;
    if (activated.length === 0) throw new Error(`only ${jobs.length} of ${count} jobs of type ${type}`);
    jobs.push(...activated);
  }
  return jobs;
}

/** Activation without waiting: the jobs of a type open right now. */
async function openJobsNow(type: string): Promise<ActivatedJob[]> {
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type,
    worker: 'multi-instance-test',
    timeout: 30_000,
    maxJobsToActivate: 10,
    requestTimeout: -1,
  });
  return activateJobsResponseSchema.parse(answer.body).jobs;
}

const complete = (jobKey: string, variables: Record<string, unknown> = {}) =>
  completeJobOf(server, jobKey, variables);

async function liveState(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body);
}

async function completedVariables(processInstanceKey: string): Promise<Record<string, unknown>> {
  await waitFor(async () => (await liveState(processInstanceKey)).state === 'COMPLETED');
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body.variables as Record<string, unknown>;
}

describe('parallel multi-instance service task', () => {
  it('creates one job per item and collects the results in item order', async () => {
    const processId = uniqueName('mi-parallel');
    const type = uniqueName('mi-work');
    await deploy(processId, multiInstanceServiceTaskBpmn(processId, type));
    const processInstanceKey = await startInstance(processId, { items: [1, 2, 3] });

    const jobs = await activate(type, 3);
    expect(jobs.map((job) => [job.variables['item'], job.variables['loopCounter']]).sort()).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const running = await liveState(processInstanceKey);
    expect(running.activeElementIds).toEqual(['work']);
    expect(
      running.tokens
        .filter((token) => token.elementId === 'work')
        .map((token) => token.state)
        .sort(),
    ).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ON_HOLD']);

    // Completed out of order: each result lands at its item's index.
    for (const job of [...jobs].reverse())
      await complete(job.jobKey, { result: `done-${String(job.variables['item'])}` });
    expect(await completedVariables(processInstanceKey)).toEqual({
      items: [1, 2, 3],
      results: ['done-1', 'done-2', 'done-3'],
    });
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the input collection is no list', async () => {
    const processId = uniqueName('mi-not-a-list');
    await deploy(processId, multiInstanceServiceTaskBpmn(processId, uniqueName('mi-work')));
    const processInstanceKey = await startInstance(processId, { items: 'not a list' });
    const incidents = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
      const found = incidentSearchResponseSchema.parse(answer.body).items;
      return found.length > 0 ? found : undefined;
    });
    expect(incidents).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work', state: 'ACTIVE' }),
    ]);
    expect(incidents[0]?.errorMessage).toContain("to be 'ARRAY', but was 'STRING'");
  });
});

describe('sequential multi-instance service task', () => {
  it('runs one job at a time and stops when the completion condition holds', async () => {
    const processId = uniqueName('mi-sequential');
    const type = uniqueName('mi-step');
    await deploy(
      processId,
      multiInstanceServiceTaskBpmn(processId, type, {
        sequential: true,
        completionCondition: '=result = "found"',
      }),
    );
    const processInstanceKey = await startInstance(processId, { items: ['a', 'b', 'c'] });

    const [first] = await activate(type, 1);
    expect(first?.variables).toMatchObject({ item: 'a', loopCounter: 1 });
    expect(await openJobsNow(type)).toEqual([]);
    await complete(first!.jobKey, { result: 'nothing' });

    const [second] = await activate(type, 1);
    expect(second?.variables).toMatchObject({ item: 'b', loopCounter: 2 });
    await complete(second!.jobKey, { result: 'found' });

    expect(await completedVariables(processInstanceKey)).toEqual({
      items: ['a', 'b', 'c'],
      results: ['nothing', 'found', null],
    });
    expect(await openJobsNow(type)).toEqual([]);
  });
});

describe('parallel multi-instance call activity', () => {
  it('starts one child instance per item and collects what each child returns', async () => {
    const processId = uniqueName('mi-call');
    const childId = uniqueName('mi-child');
    const type = uniqueName('mi-child-work');
    await deploy(childId, childBpmn(childId, type));
    await deploy(processId, multiInstanceCallActivityBpmn(processId, childId));
    const processInstanceKey = await startInstance(processId, { items: ['x', 'y'] });

    const jobs = await activate(type, 2);
    expect(jobs.map((job) => job.processInstanceKey)).not.toContain(processInstanceKey);
    expect(jobs.map((job) => job.variables['item']).sort()).toEqual(['x', 'y']);
    for (const job of jobs) await complete(job.jobKey, { result: `child-${String(job.variables['item'])}` });
    expect((await completedVariables(processInstanceKey))['results']).toEqual(['child-x', 'child-y']);
  });
});

describe('deploying a multi-instance activity', () => {
  it('is refused without an input collection, naming the activity', async () => {
    const processId = uniqueName('mi-broken');
    const answer = await deployThroughApi(server, [
      {
        name: `${processId}.bpmn`,
        content: multiInstanceServiceTaskBpmn(processId, 'unused', { loopAttributes: 'inputElement="item"' }),
      },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([
      expect.objectContaining({ code: 'INVALID_MULTI_INSTANCE', elementId: 'work' }),
    ]);
  });
});
