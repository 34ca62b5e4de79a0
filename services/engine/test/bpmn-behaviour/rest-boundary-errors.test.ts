// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: message
// boundary events (interrupting and not) and BPMN errors (from REST workers, the job results
// topic and error end events) caught by error boundary events and error event subprocesses.
import {
  activateJobsResponseSchema,
  incidentSearchResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import {
  boundaryTaskBpmn,
  errorEventSubprocessBpmn,
  nestedErrorBpmn,
} from '../fixtures/boundary-error-fixtures';
import { deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestServer, type TestServer } from '../support/test-support';

/** Long enough to outlive any test: buffered messages must not expire while a test runs. */
const ONE_MINUTE = 60_000;

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

/** Long-polls for the jobs of a type until `count` were handed out (or the poll ends). */
async function activate(type: string, count = 1) {
  const jobs = [];
  while (jobs.length < count) {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type,
      worker: 'boundary-test',
      timeout: 30_000,
      maxJobsToActivate: count - jobs.length,
      requestTimeout: 10_000,
    });
    expect(answer.status).toBe(200);
    const found = activateJobsResponseSchema.parse(answer.body).jobs;
    if (found.length === 0) break;
    jobs.push(...found);
  }
  return jobs;
}

async function liveState(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body);
}

/** The instance once it completed, with its variables and the elements it went through. */
async function completed(processInstanceKey: string) {
  await waitFor(async () => (await liveState(processInstanceKey)).state === 'COMPLETED');
  const detail = processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
  return {
    variables: detail.variables,
    completedElementIds: (await liveState(processInstanceKey)).completedElementIds,
  };
}

async function publish(name: string, correlationKey: string, variables: Record<string, unknown> = {}) {
  const answer = await server.call('POST', '/v2/messages/publication', {
    name,
    correlationKey,
    timeToLive: ONE_MINUTE,
    variables,
  });
  expect(answer.status).toBe(200);
}

async function throwError(jobKey: string, body: Record<string, unknown>) {
  const answer = await server.call('POST', `/v2/jobs/${jobKey}/error`, body);
  expect(answer.status).toBe(204);
}

async function complete(jobKey: string, variables: Record<string, unknown> = {}) {
  return server.call('POST', `/v2/jobs/${jobKey}/completion`, { variables });
}

function boundaryTaskNames() {
  return {
    workType: uniqueName('work'),
    notifyType: uniqueName('notify'),
    cancelMessage: uniqueName('cancel'),
    remindMessage: uniqueName('remind'),
  };
}

async function startBoundaryTask(orderId: string) {
  const processId = uniqueName('boundary');
  const names = boundaryTaskNames();
  await deploy(processId, boundaryTaskBpmn(processId, names));
  const processInstanceKey = await startInstance(processId, { orderId });
  const [work] = await activate(names.workType);
  expect(work?.processInstanceKey).toBe(processInstanceKey);
  return { names, processInstanceKey, work: work! };
}

describe('message boundary events', () => {
  it('interrupting: a published message cancels the task and its job; the boundary path runs', async () => {
    const { names, processInstanceKey, work } = await startBoundaryTask('order-1');
    await publish(names.cancelMessage, 'order-1', { reason: 'customer asked' });
    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-1', cancelReason: 'customer asked' });
    expect(done.completedElementIds).toEqual(['start', 'canceled', 'canceled-end']);
    // The job is gone, as in Zeebe: its worker's late answer finds nothing.
    const late = await complete(work.jobKey);
    expect(late.status).toBe(404);
  });

  it('non-interrupting: each message starts the boundary path while the task runs on', async () => {
    const { names, processInstanceKey, work } = await startBoundaryTask('order-2');
    await publish(names.remindMessage, 'order-2', { reminder: 1 });
    const [firstNotify] = await activate(names.notifyType);
    expect(firstNotify?.variables).toMatchObject({ reminder: 1 });
    await publish(names.remindMessage, 'order-2', { reminder: 2 });
    const [secondNotify] = await activate(names.notifyType);
    expect(secondNotify?.variables).toMatchObject({ reminder: 2 });
    expect((await liveState(processInstanceKey)).activeElementIds.sort()).toEqual(['notify', 'work']);

    expect((await complete(work.jobKey, { reviewed: true })).status).toBe(204);
    for (const notify of [firstNotify!, secondNotify!])
      expect((await complete(notify.jobKey)).status).toBe(204);
    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-2', reminder: 2, reviewed: true });
    expect(done.completedElementIds).toEqual(['start', 'remind', 'work', 'end', 'notify', 'notified-end']);
  });
});

describe('BPMN errors caught by error boundary events', () => {
  it('a job error is caught by the boundary event with its code, whose output mapping reads errorMessage', async () => {
    const { processInstanceKey, work } = await startBoundaryTask('order-3');
    await throwError(work.jobKey, { errorCode: 'REJECTED', errorMessage: 'no stock' });
    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-3', rejectedBecause: 'no stock' });
    expect(done.completedElementIds).toEqual(['start', 'rejected', 'rejected-end']);
  });

  it('another code is caught by the catch-all, with the error variables', async () => {
    const { processInstanceKey, work } = await startBoundaryTask('order-4');
    await throwError(work.jobKey, { errorCode: 'TIMEOUT', variables: { waitedSeconds: 30 } });
    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-4', waitedSeconds: 30 });
    expect(done.completedElementIds).toEqual(['start', 'any-error', 'any-error-end']);
  });

  it('a BPMN error sent on the job results topic is caught the same way', async () => {
    const { processInstanceKey, work } = await startBoundaryTask('order-5');
    await engine.bus.produce(topicName(topics.jobResults, engine.topicPrefix), [
      {
        key: processInstanceKey,
        value: {
          result: 'ERROR',
          jobKey: work.jobKey,
          processInstanceKey,
          errorCode: 'REJECTED',
          errorMessage: 'via kafka',
        },
        headers: { messageId: uniqueName('result') },
      },
    ]);
    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-5', rejectedBecause: 'via kafka' });
  });

  it('an error from a nested subprocess walks up to the enclosing subprocess whose boundary event names it', async () => {
    const processId = uniqueName('nested');
    const names = { workType: uniqueName('inner-work'), handleType: uniqueName('handle') };
    await deploy(processId, nestedErrorBpmn(processId, names));
    const processInstanceKey = await startInstance(processId, { route: 'work' });
    const [work] = await activate(names.workType);
    await throwError(work!.jobKey, { errorCode: 'DEEP_FAILURE', variables: { failedAt: 'inner-work' } });
    const [handle] = await activate(names.handleType);
    expect(handle?.variables).toEqual({ route: 'work', failedAt: 'inner-work' });
    const live = await liveState(processInstanceKey);
    expect(live.activeElementIds).toEqual(['handle']);
    expect(
      live.tokens
        .filter((token) => token.state === 'TERMINATED')
        .map((token) => token.elementId)
        .sort(),
    ).toEqual(['inner', 'inner-work']);
    expect((await complete(handle!.jobKey)).status).toBe(204);
    expect((await completed(processInstanceKey)).completedElementIds).toEqual([
      'start',
      'outer-start',
      'inner-start',
      'route',
      'outer-caught',
      'handle',
      'handled-end',
    ]);
  });

  it("an error end event is caught by its subprocess's boundary event", async () => {
    const processId = uniqueName('error-end');
    await deploy(
      processId,
      nestedErrorBpmn(processId, { workType: uniqueName('unused'), handleType: uniqueName('unused') }),
    );
    const processInstanceKey = await startInstance(processId, { route: 'fail' });
    expect((await completed(processInstanceKey)).completedElementIds).toEqual([
      'start',
      'outer-start',
      'inner-start',
      'route',
      'inner-caught',
      'inner-caught-end',
      'outer',
      'end',
    ]);
  });

  it('an error nothing catches raises an UNHANDLED_ERROR_EVENT incident naming its code', async () => {
    const processId = uniqueName('uncaught');
    const workType = uniqueName('inner-work');
    await deploy(processId, nestedErrorBpmn(processId, { workType, handleType: uniqueName('handle') }));
    const processInstanceKey = await startInstance(processId, { route: 'work' });
    const [work] = await activate(workType);
    await throwError(work!.jobKey, { errorCode: 'NOBODY_CATCHES_THIS', errorMessage: 'lost' });
    const incidents = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
      const found = incidentSearchResponseSchema.parse(answer.body).items;
      return found.length > 0 ? found : undefined;
    });
    expect(incidents).toEqual([
      expect.objectContaining({
        errorType: 'UNHANDLED_ERROR_EVENT',
        elementId: 'inner-work',
        jobKey: work!.jobKey,
        state: 'ACTIVE',
      }),
    ]);
    expect(incidents[0]?.errorMessage).toContain("'NOBODY_CATCHES_THIS'");
    expect((await liveState(processInstanceKey)).state).toBe('ACTIVE');
  });
});

describe('error event subprocesses', () => {
  it('catch a job error: the failing path ends and the event subprocess runs with the error variables', async () => {
    const processId = uniqueName('esp');
    const names = { workType: uniqueName('pay'), compensateType: uniqueName('compensate') };
    await deploy(processId, errorEventSubprocessBpmn(processId, names));
    const processInstanceKey = await startInstance(processId, { amount: 12 });
    const [work] = await activate(names.workType);
    await throwError(work!.jobKey, { errorCode: 'PAYMENT_FAILED', variables: { declined: true } });
    const [compensate] = await activate(names.compensateType);
    expect(compensate?.variables).toEqual({ amount: 12, declined: true });
    expect((await complete(work!.jobKey)).status).toBe(404);
    expect((await complete(compensate!.jobKey)).status).toBe(204);
    const done = await completed(processInstanceKey);
    expect(done.completedElementIds).toEqual([
      'start',
      'on-failure-start',
      'compensate',
      'on-failure-end',
      'on-failure',
    ]);
    expect(done.variables).toEqual({ amount: 12, declined: true });
  });
});
