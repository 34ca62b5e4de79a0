// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: start
// instructions (Camunda 7 startBefore / startAfter / startTransition), awaitWaitState, and the
// activity-instance and execution trees on the Camunda 7 docs' examples.
import { activityInstanceSchema, executionTreeSchema, type ActivityInstanceNode } from '@baton/contracts';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { parallelAndSubprocessBpmn, parallelMultiInstanceBpmn } from '../fixtures/start-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let processId: string;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  processId = uniqueName('orders');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: parallelAndSubprocessBpmn(processId) },
  ]);
  expect(deployed.status).toBe(200);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function create(body: Record<string, unknown>) {
  return server.call('POST', '/v2/process-instances', { processDefinitionId: processId, ...body });
}

async function activityTree(processInstanceKey: string): Promise<ActivityInstanceNode> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/activity-instances`);
  expect(answer.status).toBe(200);
  return activityInstanceSchema.parse(answer.body);
}

/** The tree as a reader compares it: ids and types, no keys. */
function shape(node: ActivityInstanceNode): unknown {
  return {
    activityId: node.activityId,
    activityType: node.activityType,
    ...(node.activityName !== null ? { activityName: node.activityName } : {}),
    childActivityInstances: node.childActivityInstances.map(shape),
  };
}

const taskA = {
  activityId: 'A',
  activityType: 'userTask',
  activityName: 'Check stock',
  childActivityInstances: [],
};
const taskB = {
  activityId: 'B',
  activityType: 'userTask',
  activityName: 'Check credit',
  childActivityInstances: [],
};
const inSubprocess = {
  activityId: 'sub',
  activityType: 'subProcess',
  activityName: 'Ship',
  childActivityInstances: [
    { activityId: 'inner', activityType: 'userTask', activityName: 'Pack', childActivityInstances: [] },
  ],
};
const root = (children: unknown[]) => ({
  activityId: processId,
  activityType: 'processDefinition',
  activityName: 'Orders',
  childActivityInstances: children,
});

describe('activity-instance and execution trees (Camunda 7 docs examples)', () => {
  it('shows two parallel user tasks side by side, and the split token ON_HOLD above its branches', async () => {
    const created = await create({ variables: { price: 5 }, awaitWaitState: true });
    expect(created.status).toBe(200);
    // awaitWaitState: answered at the first wait state, with the script's result.
    expect(created.body.variables).toEqual({ price: 5, total: 10 });
    const key = created.body.processInstanceKey as string;

    const tree = await activityTree(key);
    expect(shape(tree)).toEqual(root([taskA, taskB]));
    expect(tree.id).toBe(key);
    expect(tree.childActivityInstances.map((child) => child.parentActivityInstanceId)).toEqual([key, key]);

    const executions = executionTreeSchema.parse(
      (await server.call('GET', `/v2/process-instances/${key}/executions`)).body,
    );
    expect(executions.state).toBe('ACTIVE');
    expect(executions.executions).toEqual([
      expect.objectContaining({
        state: 'ON_HOLD',
        activityId: 'fork',
        childExecutions: [
          expect.objectContaining({ activityId: 'A', state: 'ACTIVE', childExecutions: [] }),
          expect.objectContaining({ activityId: 'B', state: 'ACTIVE', childExecutions: [] }),
        ],
      }),
    ]);
    // Each user task's activity instance lists the token waiting in it.
    const branchTokens = executions.executions[0]?.childExecutions.map((token) => token.id);
    expect(tree.childActivityInstances.flatMap((child) => child.executionIds)).toEqual(branchTokens);
  });

  it('nests a user task inside its embedded subprocess', async () => {
    const created = await create({ startInstructions: [{ elementId: 'inner' }] });
    expect(created.status).toBe(200);
    expect(shape(await activityTree(created.body.processInstanceKey as string))).toEqual(
      root([inSubprocess]),
    );
  });

  it('puts the inner instances of two parallel multi-instance user tasks under their bodies', async () => {
    const miProcessId = uniqueName('reviews');
    const deployed = await deployThroughApi(server, [
      { name: `${miProcessId}.bpmn`, content: parallelMultiInstanceBpmn(miProcessId) },
    ]);
    expect(deployed.status).toBe(200);
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: miProcessId,
      variables: { reviewers: ['ann', 'bob'], auditors: ['cy', 'di'] },
    });
    expect(created.status).toBe(200);
    const inner = (id: string) => ({
      activityId: id,
      activityType: 'userTask',
      activityName: id,
      childActivityInstances: [],
    });
    const body = (id: string) => ({
      activityId: `${id}#multiInstanceBody`,
      activityType: 'multiInstanceBody',
      activityName: id,
      childActivityInstances: [inner(id), inner(id)],
    });
    expect(shape(await activityTree(created.body.processInstanceKey as string))).toEqual({
      activityId: miProcessId,
      activityType: 'processDefinition',
      childActivityInstances: [body('review'), body('audit')],
    });
  });

  it('answers 404 for the trees of an unknown instance', async () => {
    expect((await server.call('GET', '/v2/process-instances/123/activity-instances')).status).toBe(404);
    expect((await server.call('GET', '/v2/process-instances/123/executions')).status).toBe(404);
  });
});

describe('start instructions', () => {
  it('starts before several elements in order, with process and local variables', async () => {
    const created = await create({
      variables: { orderId: 'o-1' },
      awaitWaitState: true,
      startInstructions: [
        { elementId: 'A', variables: { stockChecked: false } },
        { elementId: 'inner', type: 'startBefore', localVariables: { packer: 'ann' } },
      ],
    });
    expect(created.status).toBe(200);
    expect(created.body.variables).toEqual({ orderId: 'o-1', stockChecked: false });
    const key = created.body.processInstanceKey as string;
    const tree = await activityTree(key);
    // Siblings in creation order: the subprocess scope is made while the instructions are placed.
    expect(shape(tree)).toEqual(root([inSubprocess, taskA]));

    // The local variable is in the task's own scope, not in the process scope.
    const packTask = tree.childActivityInstances[0]?.childActivityInstances[0];
    const search = await server.call('POST', '/v2/user-tasks/search', {
      filter: { processInstanceKey: key, elementId: 'inner' },
    });
    expect(search.status).toBe(200);
    expect(search.body.items[0]?.elementInstanceKey).toBe(packTask?.id);
    expect((await engine.getInstance(key))?.variables[packTask?.id ?? '']).toEqual({ packer: 'ann' });
    const detail = await server.call('GET', `/v2/process-instances/${key}`);
    expect(detail.body.variables).toEqual({ orderId: 'o-1', stockChecked: false });
  });

  it('starts after an element and on a sequence flow', async () => {
    const after = await create({ startInstructions: [{ elementId: 'calc', type: 'startAfter' }] });
    expect(after.status).toBe(200);
    // The script did not run: the token left it along its outgoing flow.
    expect(shape(await activityTree(after.body.processInstanceKey as string))).toEqual(root([taskA, taskB]));

    const transition = await create({ startInstructions: [{ elementId: 'f1', type: 'startTransition' }] });
    expect(transition.status).toBe(200);
    expect(shape(await activityTree(transition.body.processInstanceKey as string))).toEqual(
      root([inSubprocess]),
    );
  });

  it('refuses an unknown element or flow with a 400 naming it', async () => {
    const element = await create({ startInstructions: [{ elementId: 'A' }, { elementId: 'nowhere' }] });
    expect(element.status).toBe(400);
    expect(element.body.detail).toBe(
      `Start instruction names element 'nowhere', which is not in process '${processId}'.`,
    );
    const flow = await create({ startInstructions: [{ elementId: 'A', type: 'startTransition' }] });
    expect(flow.status).toBe(400);
    expect(flow.body.detail).toBe(
      `Start instruction names sequence flow 'A', which is not in process '${processId}'.`,
    );
    const type = await create({ startInstructions: [{ elementId: 'A', type: 'startSomewhere' }] });
    expect(type.status).toBe(400);
  });
});
