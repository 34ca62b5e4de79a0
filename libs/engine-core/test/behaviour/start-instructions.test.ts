// Start instructions (Camunda 7 startBefore / startAfter / startTransition), FLOWX start
// conditions and mandatory start variables, awaitWaitState replies, and the two instance trees.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import { activityInstanceTree, executionTree } from '../../src';
import { InstanceDriver, REPLY_TARGET } from '../support/driver';

const userTask = (id: string, name = id) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;

/** start → fork → (A | B) → join → sub [ s → inner → e ] → end, with names for the tree. */
const forkAndSubprocess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="orders" name="Orders" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    ${userTask('A', 'Check stock')}
    ${userTask('B', 'Check credit')}
    <bpmn:parallelGateway id="join" />
    <bpmn:subProcess id="sub" name="Ship">
      <bpmn:startEvent id="s" />
      ${userTask('inner', 'Pack')}
      <bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="s1" sourceRef="s" targetRef="inner" />
      <bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="e" />
    </bpmn:subProcess>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="fa" sourceRef="fork" targetRef="A" />
    <bpmn:sequenceFlow id="fb" sourceRef="fork" targetRef="B" />
    <bpmn:sequenceFlow id="ja" sourceRef="A" targetRef="join" />
    <bpmn:sequenceFlow id="jb" sourceRef="B" targetRef="join" />
    <bpmn:sequenceFlow id="f1" sourceRef="join" targetRef="sub" />
    <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const property = (name: string, value: string) =>
  `<bpmn:extensionElements><zeebe:properties><zeebe:property name="${name}" value="${value}" /></zeebe:properties></bpmn:extensionElements>`;

/** Two none start events chosen by start condition; `manual` requires `clerk`. */
const conditionalStarts = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="intake" isExecutable="true">
    <bpmn:startEvent id="web">${property('baton:startCondition', '=startCondition = &quot;web&quot;')}</bpmn:startEvent>
    <bpmn:startEvent id="manual"><bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:startCondition" value="=startCondition = &quot;manual&quot; or amount &gt; 1000" /><zeebe:property name="baton:mandatory" value="clerk, desk" /></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
    ${userTask('fromWeb')}
    ${userTask('fromClerk')}
    <bpmn:sequenceFlow id="w" sourceRef="web" targetRef="fromWeb" />
    <bpmn:sequenceFlow id="m" sourceRef="manual" targetRef="fromClerk" />
  </bpmn:process>
</bpmn:definitions>`;

async function compile(xml: string): Promise<ProcessModel> {
  const result = await compileBpmn(xml, { resourceName: 'test.bpmn' });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.processes[0] as ProcessModel;
}

/** The tree without keys: what a reader compares. */
function shape(node: ReturnType<typeof activityInstanceTree>): unknown {
  return {
    activityId: node.activityId,
    activityType: node.activityType,
    activityName: node.activityName,
    childActivityInstances: node.childActivityInstances.map(shape),
  };
}

describe('start instructions', () => {
  let model: ProcessModel;
  beforeAll(async () => {
    model = await compile(forkAndSubprocess);
  });

  it('starts before two parallel user tasks: two tokens side by side in the tree', () => {
    const driver = new InstanceDriver(model);
    driver.create({ orderId: 'o-1' }, { startInstructions: [{ elementId: 'A' }, { elementId: 'B' }] });
    expect(driver.result?.rejection).toBeUndefined();
    expect(driver.activeElementIds()).toEqual(['A', 'B']);
    expect(shape(activityInstanceTree(driver.current, model))).toEqual({
      activityId: 'orders',
      activityType: 'processDefinition',
      activityName: 'Orders',
      childActivityInstances: [
        {
          activityId: 'A',
          activityType: 'userTask',
          activityName: 'Check stock',
          childActivityInstances: [],
        },
        {
          activityId: 'B',
          activityType: 'userTask',
          activityName: 'Check credit',
          childActivityInstances: [],
        },
      ],
    });
    // Both tokens reach the join, which then lets one token on (into the subprocess).
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey: driver.userTask('A').userTaskKey, variables: {} });
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey: driver.userTask('B').userTaskKey, variables: {} });
    expect(driver.activeElementIds()).toEqual(['inner', 'sub']);
  });

  it('starts inside an embedded subprocess: its scope is created, local variables land on the task', () => {
    const driver = new InstanceDriver(model);
    driver.create(
      { orderId: 'o-2' },
      {
        startInstructions: [
          { elementId: 'inner', variables: { priority: 'high' }, localVariables: { packer: 'ann' } },
        ],
      },
    );
    const tree = activityInstanceTree(driver.current, model);
    expect(shape(tree)).toEqual({
      activityId: 'orders',
      activityType: 'processDefinition',
      activityName: 'Orders',
      childActivityInstances: [
        {
          activityId: 'sub',
          activityType: 'subProcess',
          activityName: 'Ship',
          childActivityInstances: [
            {
              activityId: 'inner',
              activityType: 'userTask',
              activityName: 'Pack',
              childActivityInstances: [],
            },
          ],
        },
      ],
    });
    const inner = tree.childActivityInstances[0]?.childActivityInstances[0];
    expect(driver.current.variables[inner?.id ?? '']).toEqual({ packer: 'ann' });
    expect(driver.rootVariables()).toEqual({ orderId: 'o-2', priority: 'high' });
    // The token tree: the subprocess's token ON_HOLD above the inner one.
    expect(executionTree(driver.current).executions).toEqual([
      expect.objectContaining({
        activityId: 'sub',
        state: 'ON_HOLD',
        childExecutions: [expect.objectContaining({ activityId: 'inner', state: 'ACTIVE' })],
      }),
    ]);
    // Completing the task completes the subprocess, then the process.
    driver.send({
      type: 'COMPLETE_USER_TASK',
      userTaskKey: driver.userTask('inner').userTaskKey,
      variables: {},
    });
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('starts after an element and on a sequence flow', () => {
    const after = new InstanceDriver(model);
    after.create({}, { startInstructions: [{ elementId: 'A', type: 'startAfter' }] });
    // The token left A along `ja` and waits at the join for B's token.
    expect(after.activeElementIds()).toEqual([]);
    expect(executionTree(after.current).executions).toEqual([
      expect.objectContaining({ activityId: 'join', state: 'INACTIVE' }),
    ]);

    const transition = new InstanceDriver(model);
    transition.create({}, { startInstructions: [{ elementId: 'f1', type: 'startTransition' }] });
    expect(transition.activeElementIds()).toEqual(['inner', 'sub']);
  });

  it('refuses an unknown element or flow, naming it', () => {
    const driver = new InstanceDriver(model);
    expect(driver.create({}, { startInstructions: [{ elementId: 'nope' }] }).rejection).toEqual({
      code: 'INVALID_ARGUMENT',
      message: "Start instruction names element 'nope', which is not in process 'orders'.",
    });
    expect(
      driver.create({}, { startInstructions: [{ elementId: 'A', type: 'startTransition' }] }).rejection
        ?.message,
    ).toBe("Start instruction names sequence flow 'A', which is not in process 'orders'.");
    expect(
      driver.create({}, { startInstructions: [{ elementId: 'end', type: 'startAfter' }] }).rejection?.message,
    ).toBe("Cannot start after element 'end': it has no outgoing sequence flow.");
    expect(driver.create({}, { startInstructions: [{ elementId: 'f1' }] }).rejection?.message).toBe(
      "Start instruction names 'f1', which is a sequence flow of process 'orders': use type startTransition.",
    );
    expect(driver.state).toBeUndefined();
  });

  it('answers awaitWaitState at once with the variables of the first wait state', () => {
    const driver = new InstanceDriver(model);
    const result = driver.create(
      { orderId: 'o-3' },
      { reply: { ...REPLY_TARGET, awaitWaitState: true }, startInstructions: [{ elementId: 'A' }] },
    );
    expect(driver.effects('REPLY')).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({ status: 'OK', variables: { orderId: 'o-3' } }),
      }),
    ]);
    expect(result.state?.awaitingReplies).toEqual([]);
  });
});

describe('FLOWX start conditions and mandatory parameters', () => {
  let model: ProcessModel;
  beforeAll(async () => {
    model = await compile(conditionalStarts);
  });

  it('picks the start event whose condition holds', () => {
    const web = new InstanceDriver(model);
    web.create({}, { startCondition: 'web' });
    expect(web.activeElementIds()).toEqual(['fromWeb']);
    const big = new InstanceDriver(model);
    big.create({ amount: 5000, clerk: 'c', desk: 1 }, { startCondition: 'other' });
    expect(big.activeElementIds()).toEqual(['fromClerk']);
  });

  it('refuses with the FLOWX sentences', () => {
    const driver = new InstanceDriver(model);
    expect(driver.create({}).rejection?.message).toBe(
      'Multiple start nodes found, but start condition not specified.',
    );
    expect(driver.create({}, { startCondition: 'fax' }).rejection?.message).toBe(
      'Start node for process definition not found.',
    );
    expect(driver.create({ clerk: 'c', amount: 0 }, { startCondition: 'manual' }).rejection?.message).toBe(
      'Some mandatory params are missing.',
    );
  });

  it('refuses to compile several none start events without a condition each', async () => {
    const result = await compileBpmn(
      conditionalStarts.replace(
        /<bpmn:startEvent id="web">.*?<\/bpmn:startEvent>/,
        '<bpmn:startEvent id="web" />',
      ),
      {
        resourceName: 'x.bpmn',
      },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['AMBIGUOUS_START_EVENTS', 'web'],
    ]);
  });
});
