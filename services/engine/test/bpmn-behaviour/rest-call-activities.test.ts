// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: a call
// activity starts a child instance of the latest version of the called process, the child links
// to its parent, the parent completes with the child's variables (FLOWX notify-parent), canceling
// the parent cancels the child (a child cannot be canceled alone), and an unknown process id
// raises a CALLED_ELEMENT_ERROR incident.
import { incidentSearchResponseSchema, processInstanceDetailSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { childBpmn, parentBpmn } from '../fixtures/call-activity-fixtures';
import { activateOneJob, deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestServer, type TestServer } from '../support/test-support';

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

const activateOne = (type: string) => activateOneJob(server, type, 'call-activity-test');

async function detail(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return processInstanceDetailSchema.parse(answer.body);
}

async function deployPair() {
  const parentId = uniqueName('parent');
  const childId = uniqueName('child');
  const jobType = uniqueName('child-work');
  await deploy(childId, childBpmn(childId, jobType));
  await deploy(parentId, parentBpmn(parentId, childId));
  return { parentId, childId, jobType };
}

describe('call activity', () => {
  it('runs the child, links it to the parent, and completes the parent with its variables', async () => {
    const { parentId, childId, jobType } = await deployPair();
    const parentKey = await startInstance(parentId, { orderId: 'o-7' });
    const job = await activateOne(jobType);
    expect(job.processInstanceKey).not.toBe(parentKey);
    expect(job.processDefinitionId).toBe(childId);
    expect(job.variables).toMatchObject({ orderId: 'o-7' });

    const child = await detail(job.processInstanceKey);
    expect(child.parentProcessInstanceKey).toBe(parentKey);
    expect((await detail(parentKey)).activeElementIds).toEqual(['call']);

    const completed = await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, {
      variables: { approved: true },
    });
    expect(completed.status).toBe(204);
    const parent = await waitFor(async () => {
      const current = await detail(parentKey);
      return current.state === 'COMPLETED' ? current : undefined;
    });
    expect(parent.variables).toEqual({ orderId: 'o-7', approved: true });
    expect((await detail(job.processInstanceKey)).state).toBe('COMPLETED');
  });

  it('cancels the child when the parent is canceled', async () => {
    const { parentId, jobType } = await deployPair();
    const parentKey = await startInstance(parentId);
    const job = await activateOne(jobType);
    const alone = await server.call(
      'POST',
      `/v2/process-instances/${job.processInstanceKey}/cancellation`,
      {},
    );
    expect(alone.status).toBe(409);
    expect(JSON.stringify(alone.body)).toContain(`Cancel the root process instance '${parentKey}'`);
    const canceled = await server.call('POST', `/v2/process-instances/${parentKey}/cancellation`, {});
    expect(canceled.status).toBe(204);
    expect((await detail(parentKey)).state).toBe('TERMINATED');
    await waitFor(async () => (await detail(job.processInstanceKey)).state === 'TERMINATED');
  });

  it('raises a CALLED_ELEMENT_ERROR incident when the called process is not deployed', async () => {
    const parentId = uniqueName('orphan-parent');
    const missing = uniqueName('never-deployed');
    await deploy(parentId, parentBpmn(parentId, missing));
    const parentKey = await startInstance(parentId);
    const incidents = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/incidents/search', {
        filter: { processInstanceKey: parentKey },
      });
      const found = incidentSearchResponseSchema.parse(answer.body).items;
      return found.length > 0 ? found : undefined;
    });
    expect(incidents).toEqual([
      expect.objectContaining({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call', state: 'ACTIVE' }),
    ]);
    expect(incidents[0]?.errorMessage).toContain(missing);
  });
});
