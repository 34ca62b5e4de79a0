// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: a BPMN
// error thrown in a called child and not caught there goes to the parent's call activity (Zeebe's
// propagation). An error boundary event on the call activity catches it and the child is
// terminated; caught nowhere, the incident waits on the thrower in the child.
import {
  activateJobsResponseSchema,
  incidentSearchResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { callingParentBpmn, childWithJobBpmn } from '../fixtures/event-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };
jest.setTimeout(30_000);

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

async function deployPair(withBoundary: boolean) {
  const parentId = uniqueName('error-parent');
  const childId = uniqueName('error-child');
  const jobType = uniqueName('check');
  const deployed = await deployThroughApi(server, [
    { name: `${childId}.bpmn`, content: childWithJobBpmn(childId, jobType) },
    { name: `${parentId}.bpmn`, content: callingParentBpmn(parentId, childId, 'REJECTED', withBoundary) },
  ]);
  expect(deployed.status).toBe(200);
  const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: parentId });
  expect(created.status).toBe(200);
  const job = await waitFor(async () => {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type: jobType,
      worker: 'call-errors-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
    });
    return activateJobsResponseSchema.parse(answer.body).jobs[0];
  }, TIMEOUT);
  const thrown = await server.call('POST', `/v2/jobs/${job.jobKey}/error`, {
    errorCode: 'REJECTED',
    errorMessage: 'not today',
    variables: { reason: 'stock' },
  });
  expect(thrown.status).toBe(204);
  return { parentKey: created.body.processInstanceKey as string, childKey: job.processInstanceKey, job };
}

async function detail(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

async function incidentsOf(processInstanceKey: string) {
  const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
  return incidentSearchResponseSchema.parse(answer.body).items;
}

describe('an error thrown in a called child', () => {
  it('is caught by the error boundary event of the call activity; the child is terminated', async () => {
    const { parentKey, childKey } = await deployPair(true);
    const parent = await waitFor(async () => {
      const found = await detail(parentKey);
      return found.state === 'COMPLETED' ? found : undefined;
    }, TIMEOUT);
    expect(parent.variables).toEqual({ reason: 'stock' });
    const live = instanceLiveStateSchema.parse(
      (await server.call('GET', `/v2/process-instances/${parentKey}/live-state`)).body,
    );
    expect(live.completedElementIds).toEqual(['start', 'caught', 'handled']);
    await waitFor(async () => ((await detail(childKey)).state === 'TERMINATED' ? true : undefined), TIMEOUT);
    expect(await incidentsOf(childKey)).toEqual([]);
  });

  it('caught nowhere: an incident waits on the thrower in the child; the parent has none', async () => {
    const { parentKey, childKey, job } = await deployPair(false);
    const incidents = await waitFor(async () => {
      const found = await incidentsOf(childKey);
      return found.length > 0 ? found : undefined;
    }, TIMEOUT);
    expect(incidents).toEqual([
      expect.objectContaining({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'check', jobKey: job.jobKey }),
    ]);
    expect(incidents[0]?.errorMessage).toContain("'REJECTED'");
    expect(await incidentsOf(parentKey)).toEqual([]);
    expect((await detail(parentKey)).state).toBe('ACTIVE');
    expect((await detail(childKey)).state).toBe('ACTIVE');
  });
});
