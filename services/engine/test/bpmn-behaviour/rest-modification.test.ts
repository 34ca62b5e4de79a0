// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda 8
// process instance modification (POST /v2/process-instances/{key}/modification). An operator
// moves a stuck instance's token into a subprocess that has no instance yet, with a variable; the
// instance runs on from there to its end; refusals are 400/404 problems naming the instruction and
// leave the instance as it was; terminating the last element instance terminates the instance.
import {
  activityInstanceSchema,
  problemSchema,
  userTaskSearchResponseSchema,
  type ActivityInstanceNode,
} from '@baton/contracts';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { repairBpmn } from '../fixtures/modification-fixtures';
import {
  activateOneJob,
  completeJobOf,
  deployProcess,
  startInstanceOf,
} from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

jest.setTimeout(40_000);

let engine: EngineRuntime;
let server: TestServer;
let processId: string;
let typeA: string;
let typeB: string;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  processId = uniqueName('repair');
  typeA = uniqueName('stuck');
  typeB = uniqueName('fix');
  await deployProcess(server, processId, repairBpmn(processId, typeA, typeB));
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

function modify(processInstanceKey: string, body: unknown) {
  return server.call('POST', `/v2/process-instances/${processInstanceKey}/modification`, body);
}

async function activityTree(processInstanceKey: string): Promise<ActivityInstanceNode> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/activity-instances`);
  expect(answer.status).toBe(200);
  return activityInstanceSchema.parse(answer.body);
}

/** The tree as nested element ids, without keys. */
function shape(node: ActivityInstanceNode): unknown {
  return node.childActivityInstances.length === 0
    ? node.activityId
    : { [node.activityId]: node.childActivityInstances.map(shape) };
}

async function stateOf(processInstanceKey: string): Promise<string> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body.state as string;
}

describe('POST /v2/process-instances/{key}/modification', () => {
  it('moves a stuck token into a subprocess with no instance yet; the instance runs on to its end', async () => {
    const key = await startInstanceOf(server, processId, { orderId: 'o-1' });
    const stuck = await activateOneJob(server, typeA, 'modification-test');
    expect(shape(await activityTree(key))).toEqual({ [processId]: ['A'] });

    const modified = await modify(key, {
      activateInstructions: [
        {
          elementId: 'B',
          ancestorElementInstanceKey: '-1',
          variableInstructions: [{ variables: { repaired: true } }],
        },
      ],
      terminateInstructions: [{ elementInstanceKey: stuck.elementInstanceKey }],
    });
    expect(modified.status).toBe(204);
    expect(shape(await activityTree(key))).toEqual({ [processId]: [{ sub: ['B'] }] });
    // The terminated task's job is withdrawn: its worker can no longer complete it.
    const late = await server.call('POST', `/v2/jobs/${stuck.jobKey}/completion`, { variables: {} });
    expect(late.status).toBeGreaterThanOrEqual(400);

    const fix = await activateOneJob(server, typeB, 'modification-test');
    expect(fix.variables).toEqual({ orderId: 'o-1', repaired: true });
    await completeJobOf(server, fix.jobKey);
    expect(shape(await activityTree(key))).toEqual({ [processId]: ['C'] });
    const tasks = await server.call('POST', '/v2/user-tasks/search', { filter: { processInstanceKey: key } });
    const [task] = userTaskSearchResponseSchema.parse(tasks.body).items;
    expect(task?.elementId).toBe('C');
    const done = await server.call('POST', `/v2/user-tasks/${task?.userTaskKey}/completion`, {});
    expect(done.status).toBe(204);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('refuses what cannot be followed with a problem naming it, and changes nothing', async () => {
    const key = await startInstanceOf(server, processId);
    const before = await activityTree(key);
    const cases: [unknown, number, RegExp][] = [
      [
        { activateInstructions: [{ elementId: 'start' }] },
        400,
        /'start'.*kind 'startEvent' cannot be activated/,
      ],
      [{ activateInstructions: [{ elementId: 'nowhere' }] }, 400, /not in the process: 'nowhere'/],
      [{ terminateInstructions: [{ elementInstanceKey: '123456789' }] }, 400, /not active .*'123456789'/],
      [
        {
          activateInstructions: [
            { elementId: 'C', variableInstructions: [{ variables: { x: 1 }, scopeId: 'sub' }] },
          ],
        },
        400,
        /scope 'sub', which is not one of its flow scopes/,
      ],
      // A valid activation does not survive an invalid termination in the same request.
      [
        { activateInstructions: [{ elementId: 'C' }], terminateInstructions: [{ elementInstanceKey: '1' }] },
        400,
        /not active .*'1'/,
      ],
      [{ activateInstructions: [{ elementId: '' }] }, 400, /elementId/],
    ];
    for (const [body, status, detail] of cases) {
      const answer = await modify(key, body);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toContain('application/problem+json');
      const problem = problemSchema.parse(answer.body);
      expect(problem.title).toBe('INVALID_ARGUMENT');
      expect(problem.detail).toMatch(detail);
    }
    expect(await activityTree(key)).toEqual(before);

    const unknown = await modify('2251799813999999', { activateInstructions: [{ elementId: 'C' }] });
    expect(unknown.status).toBe(404);
    expect(problemSchema.parse(unknown.body).title).toBe('NOT_FOUND');
  });

  it('terminating the last element instance terminates the instance; a terminated instance is not found', async () => {
    const key = await startInstanceOf(server, processId);
    const [a] = (await activityTree(key)).childActivityInstances;
    expect(a?.activityId).toBe('A');
    expect((await modify(key, { terminateInstructions: [{ elementInstanceKey: a?.id }] })).status).toBe(204);
    expect(await stateOf(key)).toBe('TERMINATED');
    const again = await modify(key, { activateInstructions: [{ elementId: 'A' }] });
    expect(again.status).toBe(404);
  });
});
