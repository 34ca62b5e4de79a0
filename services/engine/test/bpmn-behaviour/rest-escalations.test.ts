// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: an
// escalation thrown inside a subprocess is caught by a non-interrupting escalation boundary event;
// the subprocess's work and the escalation path both run to the end.
import {
  activateJobsResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { escalatingChildBpmn, escalationBpmn, escalationParentBpmn } from '../fixtures/event-fixtures';
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

async function completeOneJob(type: string) {
  const job = await waitFor(async () => {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type,
      worker: 'escalation-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
    });
    return activateJobsResponseSchema.parse(answer.body).jobs[0];
  }, TIMEOUT);
  expect((await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, { variables: {} })).status).toBe(
    204,
  );
}

describe('escalation events', () => {
  it('a non-interrupting escalation boundary event runs beside the subprocess that escalated', async () => {
    const processId = uniqueName('escalation');
    const workType = uniqueName('work');
    const informType = uniqueName('inform');
    const deployed = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: escalationBpmn(processId, workType, informType) },
    ]);
    expect(deployed.status).toBe(200);
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
    expect(created.status).toBe(200);
    const processInstanceKey = created.body.processInstanceKey as string;
    await completeOneJob(informType);
    await completeOneJob(workType);
    await waitFor(async () => {
      const instance = processInstanceDetailSchema.parse(
        (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
      );
      return instance.state === 'COMPLETED' ? instance : undefined;
    }, TIMEOUT);
    const live = instanceLiveStateSchema.parse(
      (await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`)).body,
    );
    expect(live.completedElementIds).toEqual(
      expect.arrayContaining(['late', 'on-late', 'inform', 'informed', 'work', 'handle', 'end']),
    );
  });

  it('an escalation a called child does not catch interrupts its call activity in the parent', async () => {
    const parentId = uniqueName('escalation-parent');
    const childId = uniqueName('escalation-child');
    const deployed = await deployThroughApi(server, [
      { name: `${childId}.bpmn`, content: escalatingChildBpmn(childId, uniqueName('child-work')) },
      { name: `${parentId}.bpmn`, content: escalationParentBpmn(parentId, childId) },
    ]);
    expect(deployed.status).toBe(200);
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: parentId });
    expect(created.status).toBe(200);
    const parentKey = created.body.processInstanceKey as string;
    await waitFor(async () => {
      const instance = processInstanceDetailSchema.parse(
        (await server.call('GET', `/v2/process-instances/${parentKey}`)).body,
      );
      return instance.state === 'COMPLETED' ? instance : undefined;
    }, TIMEOUT);
    const live = instanceLiveStateSchema.parse(
      (await server.call('GET', `/v2/process-instances/${parentKey}/live-state`)).body,
    );
    expect(live.completedElementIds).toEqual(['start', 'on-late', 'escalated']);
    // The child is canceled with its call activity.
    await waitFor(async () => {
      const children = await server.call('POST', '/v2/process-instances/search', {
        filter: { processDefinitionId: childId },
      });
      const states = (children.body.items as { state: string }[]).map((item) => item.state);
      return states.length === 1 && states[0] === 'TERMINATED' ? true : undefined;
    }, TIMEOUT);
  });
});
