// Process instance modification (Camunda 8 MODIFY_INSTANCE): activating elements (missing flow
// scopes created, existing ones reused or chosen by ancestor key, variables set per scope),
// terminating element instances (their flow scopes terminated when left empty, up to the
// instance), the FLOWX tokens and the activity-instance tree after each, and every refusal
// leaving the instance exactly as it was.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import type { ActivateInstruction, ActivityInstanceNode, TerminateInstruction } from '@baton/contracts';
import { activityInstanceTree, apply, type ApplyContext } from '../../src';
import { InstanceDriver, REPLY_TARGET } from '../support/driver';

const DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';

const serviceTask = (id: string, type = id) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;
const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;
const flow = (id: string, source: string, target: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;

/**
 * start → A → sub [ subStart → B → subEnd ] (timer boundary `late` → lateEnd) → C → end; beside it
 * an event subprocess `onCancel` (message start) and an event-based gateway branch `gw` → (msg | wait).
 */
const REPAIR = `
  <bpmn:startEvent id="start" />
  ${serviceTask('A')}
  <bpmn:subProcess id="sub">
    <bpmn:startEvent id="subStart" />
    ${serviceTask('B')}
    <bpmn:endEvent id="subEnd" />
    ${flow('s1', 'subStart', 'B')}
    ${flow('s2', 'B', 'subEnd')}
  </bpmn:subProcess>
  <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
  <bpmn:endEvent id="lateEnd" />
  ${userTask('C')}
  <bpmn:endEvent id="end" />
  <bpmn:eventBasedGateway id="gw" />
  <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="later"><bpmn:timerEventDefinition><bpmn:timeDuration>PT9M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:endEvent id="gwEnd" />
  <bpmn:subProcess id="onCancel" triggeredByEvent="true">
    <bpmn:startEvent id="cancelStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    ${serviceTask('notify')}
    ${flow('c1', 'cancelStart', 'notify')}
  </bpmn:subProcess>
  ${flow('f1', 'start', 'A')}
  ${flow('f2', 'A', 'sub')}
  ${flow('f3', 'sub', 'C')}
  ${flow('f4', 'C', 'end')}
  ${flow('f5', 'late', 'lateEnd')}
  ${flow('g1', 'gw', 'wait')}
  ${flow('g2', 'wait', 'gwEnd')}
  ${flow('g3', 'gw', 'later')}
  ${flow('g4', 'later', 'gwEnd')}`;

/** start → fork → (P | Q) → join → end. */
const PARALLEL = `
  <bpmn:startEvent id="start" />
  <bpmn:parallelGateway id="fork" />
  ${serviceTask('P')}
  ${serviceTask('Q')}
  <bpmn:parallelGateway id="join" />
  <bpmn:endEvent id="end" />
  ${flow('f0', 'start', 'fork')}
  ${flow('fp', 'fork', 'P')}
  ${flow('fq', 'fork', 'Q')}
  ${flow('jp', 'P', 'join')}
  ${flow('jq', 'Q', 'join')}
  ${flow('f1', 'join', 'end')}`;

/** start → each [ eachStart → M → eachEnd ] (parallel, one per item) → end. */
const MULTI = `
  <bpmn:startEvent id="start" />
  <bpmn:subProcess id="each">
    <bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    <bpmn:startEvent id="eachStart" />
    ${serviceTask('M')}
    <bpmn:endEvent id="eachEnd" />
    ${flow('e1', 'eachStart', 'M')}
    ${flow('e2', 'M', 'eachEnd')}
  </bpmn:subProcess>
  <bpmn:endEvent id="end" />
  ${flow('f1', 'start', 'each')}
  ${flow('f2', 'each', 'end')}`;

async function compile(body: string): Promise<ProcessModel> {
  const result = await compileBpmn(
    `<?xml version="1.0"?><bpmn:definitions ${DEFINITIONS}><bpmn:process id="repair" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.processes[0] as ProcessModel;
}

function modify(
  driver: InstanceDriver,
  activateInstructions: ActivateInstruction[],
  terminateInstructions: TerminateInstruction[] = [],
) {
  return driver.send({
    type: 'MODIFY_INSTANCE',
    activateInstructions,
    terminateInstructions,
    reply: REPLY_TARGET,
  });
}

/** The element instance key of the one active instance of an element. */
function keyOf(driver: InstanceDriver, elementId: string): string {
  const found = Object.values(driver.current.elementInstances).filter(
    (instance) => instance.elementId === elementId && instance.state === 'ACTIVE',
  );
  if (found.length !== 1) throw new Error(`${found.length} active instances of ${elementId}`);
  return found[0]!.key;
}

/** The activity-instance tree as nested `elementId` lists: what a reader compares. */
function tree(driver: InstanceDriver, model: ProcessModel): unknown {
  const shape = (node: ActivityInstanceNode): unknown =>
    node.childActivityInstances.length === 0
      ? node.activityId
      : { [node.activityId]: node.childActivityInstances.map(shape) };
  return shape(activityInstanceTree(driver.current, model));
}

/** Sends a modification that must be refused, and checks that nothing changed and the reason names it. */
function expectRefused(
  driver: InstanceDriver,
  activations: ActivateInstruction[],
  terminations: TerminateInstruction[],
  reason: RegExp,
): void {
  const before = driver.current;
  const result = modify(driver, activations, terminations);
  expect(result.rejection?.code).toBe('INVALID_ARGUMENT');
  expect(result.rejection?.message).toMatch(reason);
  expect(result.state).toBe(before);
  expect(result.effects.map((effect) => effect.type)).toEqual(['REPLY']);
}

describe('process instance modification: activation', () => {
  let model: ProcessModel;
  beforeAll(async () => {
    model = await compile(REPAIR);
  });

  it('activates a task beside the running one: a new parentless token, its job created, both in the tree', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    const result = modify(driver, [{ elementId: 'C' }]);
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('REPLY')[0]?.body.status).toBe('OK');
    expect(driver.liveTokens()).toEqual(['A:ACTIVE', 'C:ACTIVE']);
    expect(driver.tokens().find((token) => token.elementId === 'C')?.parent).toBeUndefined();
    expect(driver.userTask('C').state).toBe('CREATED');
    expect(driver.job('A').state).toBe('ACTIVATABLE');
    expect(tree(driver, model)).toEqual({ repair: ['A', 'C'] });
  });

  it('moves the token: terminates A (its job closed) and activates C in one command', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    const jobKey = driver.job('A').jobKey;
    modify(driver, [{ elementId: 'C' }], [{ elementInstanceKey: keyOf(driver, 'A') }]);
    expect(driver.current.state).toBe('ACTIVE');
    expect(driver.current.jobs[jobKey]?.state).toBe('CANCELED');
    expect(driver.effects('JOB_CLOSED').map((effect) => effect.jobKey)).toEqual([jobKey]);
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
    expect(tree(driver, model)).toEqual({ repair: ['C'] });
    expect(driver.activeElementIds()).toEqual(['C']);
  });

  it('creates the missing subprocess instance around an activated task; the instance then runs on from there', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    modify(driver, [{ elementId: 'B' }], [{ elementInstanceKey: keyOf(driver, 'A') }]);
    expect(tree(driver, model)).toEqual({ repair: [{ sub: ['B'] }] });
    expect(driver.liveTokens()).toEqual(['B:ACTIVE', 'sub:ON_HOLD']);
    expect(driver.tokens().find((token) => token.elementId === 'B')?.parent).toBe('sub');
    // The subprocess's boundary timer is armed as if a token had entered it; its start event did not run.
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer.elementId)).toEqual(['late']);
    expect(driver.current.completedElementIds ?? []).not.toContain('subStart');
    driver.completeJob('B');
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer.elementId)).toEqual(['late']);
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey: driver.userTask('C').userTaskKey, variables: {} });
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('reuses the one active subprocess instance; an ancestor key of the process asks for a new one', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('A');
    const sub = keyOf(driver, 'sub');
    modify(driver, [{ elementId: 'B' }]);
    expect(tree(driver, model)).toEqual({ repair: [{ sub: ['B', 'B'] }] });
    modify(driver, [{ elementId: 'B', ancestorElementInstanceKey: driver.processInstanceKey }]);
    expect(tree(driver, model)).toEqual({ repair: [{ sub: ['B', 'B'] }, { sub: ['B'] }] });
    // Two subprocess instances now: which one is ambiguous without an ancestor key.
    expectRefused(driver, [{ elementId: 'B' }], [], /flow scope 'sub' has more than one active instance/);
    modify(driver, [{ elementId: 'B', ancestorElementInstanceKey: sub }]);
    expect(tree(driver, model)).toEqual({ repair: [{ sub: ['B', 'B', 'B'] }, { sub: ['B'] }] });
  });

  it('sets variable instructions in their scopes: root (no scopeId), the subprocess, the element', () => {
    const driver = new InstanceDriver(model);
    driver.create({ orderId: 'o-1' });
    modify(driver, [
      {
        elementId: 'B',
        variableInstructions: [
          { variables: { reason: 'repair' } },
          { variables: { inSub: 1 }, scopeId: 'sub' },
          { variables: { inB: true }, scopeId: 'B' },
          { variables: { alsoRoot: 2 }, scopeId: 'repair' },
        ],
      },
    ]);
    expect(driver.rootVariables()).toEqual({ orderId: 'o-1', reason: 'repair', alsoRoot: 2 });
    expect(driver.current.variables[keyOf(driver, 'sub')]).toEqual({ inSub: 1 });
    expect(driver.current.variables[keyOf(driver, 'B')]).toEqual({ inB: true });
  });

  it('activates a joining parallel gateway directly: it passes the token on without waiting for arrivals', async () => {
    const driver = new InstanceDriver(await compile(PARALLEL));
    driver.create();
    modify(driver, [{ elementId: 'join' }]);
    expect(driver.liveTokens()).toEqual(['P:ACTIVE', 'Q:ACTIVE', 'fork:ON_HOLD']);
    expect(driver.current.completedElementIds).toContain('join');
  });

  it('applies to a suspended instance, as Camunda 7 does: the new job is created suspended', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    driver.send({ type: 'SUSPEND_INSTANCE' });
    const result = modify(driver, [{ elementId: 'B' }]);
    expect(result.rejection).toBeUndefined();
    expect(driver.job('B').suspended).toBe(true);
    expect(driver.current.suspended).toBe(true);
  });

  it('is deterministic: the same command on the same state gives the same state and effects', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    const command = {
      type: 'MODIFY_INSTANCE' as const,
      commandId: 'modify-1',
      processInstanceKey: driver.processInstanceKey,
      activateInstructions: [{ elementId: 'B' }, { elementId: 'C' }],
      terminateInstructions: [{ elementInstanceKey: keyOf(driver, 'A') }],
    };
    // A replay gets the same time and the same keys (they come from the command's log position).
    const context = (): ApplyContext => {
      let next = 5000;
      return { now: driver.now, nextKey: () => String(next++), definition: driver.definition };
    };
    const first = apply(driver.current, command, context());
    const second = apply(driver.current, command, context());
    expect(first.rejection).toBeUndefined();
    expect(second).toEqual(first);
  });
});

describe('process instance modification: termination', () => {
  let model: ProcessModel;
  beforeAll(async () => {
    model = await compile(REPAIR);
  });

  it('terminating the only element instance terminates the process instance', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    modify(driver, [], [{ elementInstanceKey: keyOf(driver, 'A') }]);
    expect(driver.current.state).toBe('TERMINATED');
    expect(driver.liveTokens()).toEqual([]);
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer.elementId)).toEqual(['cancelStart']);
  });

  it('a subprocess left empty is terminated with its boundary timer; the instance goes on with its other token', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('A');
    modify(driver, [{ elementId: 'C' }], [{ elementInstanceKey: keyOf(driver, 'B') }]);
    expect(driver.current.state).toBe('ACTIVE');
    expect(tree(driver, model)).toEqual({ repair: ['C'] });
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer.elementId)).toEqual(['late']);
  });

  it('terminating a subprocess instance ends what runs inside it', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('A');
    const jobKey = driver.job('B').jobKey;
    modify(driver, [{ elementId: 'C' }], [{ elementInstanceKey: keyOf(driver, 'sub') }]);
    expect(driver.current.jobs[jobKey]?.state).toBe('CANCELED');
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
  });

  it('a parallel branch terminated leaves the other; the last one ends its split parent and the instance', async () => {
    const parallel = await compile(PARALLEL);
    const driver = new InstanceDriver(parallel);
    driver.create();
    modify(driver, [], [{ elementInstanceKey: keyOf(driver, 'P') }]);
    expect(driver.liveTokens()).toEqual(['Q:ACTIVE', 'fork:ON_HOLD']);
    expect(driver.current.state).toBe('ACTIVE');
    modify(driver, [], [{ elementInstanceKey: keyOf(driver, 'Q') }]);
    expect(driver.current.state).toBe('TERMINATED');
    expect(driver.tokens().map((token) => token.state)).toEqual(['TERMINATED', 'TERMINATED', 'TERMINATED']);
  });

  it('a terminate instruction for an instance inside one terminated before it is skipped', () => {
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('A');
    modify(
      driver,
      [{ elementId: 'C' }],
      [{ elementInstanceKey: keyOf(driver, 'sub') }, { elementInstanceKey: keyOf(driver, 'B') }],
    );
    expect(driver.result?.rejection).toBeUndefined();
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
  });

  it('a call activity child whose last element would end is refused: modify the parent instead', () => {
    const driver = new InstanceDriver(model);
    driver.create({}, { parentProcessInstanceKey: '7', parentElementInstanceKey: '8' });
    expectRefused(
      driver,
      [],
      [{ elementInstanceKey: keyOf(driver, 'A') }],
      /created by a call activity of process instance '7'/,
    );
  });
});

describe('process instance modification: refusals leave the instance unchanged', () => {
  let model: ProcessModel;
  let driver: InstanceDriver;
  beforeAll(async () => {
    model = await compile(REPAIR);
  });
  beforeEach(() => {
    driver = new InstanceDriver(model);
    driver.create();
  });

  it.each([
    ['an unknown element', 'nope', /not in the process: 'nope'/],
    ['a start event', 'start', /kind 'startEvent' cannot be activated/],
    ['the start event of an event subprocess', 'cancelStart', /kind 'startEvent' cannot be activated/],
    ['a boundary event', 'late', /kind 'boundaryEvent' cannot be activated/],
    ['a sequence flow', 'f1', /kind 'sequenceFlow' cannot be activated/],
    ['an event after an event-based gateway', 'wait', /activated only by the gateway/],
    ['an element inside an event subprocess', 'notify', /event subprocess/],
  ])('activating %s', (_what, elementId, reason) => {
    expectRefused(driver, [{ elementId: 'C' }, { elementId }], [], reason);
  });

  it('terminating an unknown element instance, or one that has ended', () => {
    expectRefused(driver, [], [{ elementInstanceKey: '424242' }], /not active .* '424242'/);
    const ended = keyOf(driver, 'A');
    driver.completeJob('A');
    expectRefused(driver, [], [{ elementInstanceKey: ended }], new RegExp(`not active .* '${ended}'`));
  });

  it('variables for a scope that is no element, or not a flow scope of the activated element', () => {
    expectRefused(
      driver,
      [{ elementId: 'B', variableInstructions: [{ variables: { x: 1 }, scopeId: 'ghost' }] }],
      [],
      /scope 'ghost', which is not an element/,
    );
    expectRefused(
      driver,
      [{ elementId: 'C', variableInstructions: [{ variables: { x: 1 }, scopeId: 'sub' }] }],
      [],
      /name scope 'sub', which is not one of its flow scopes/,
    );
  });

  it('an ancestor key that is not active, or not an ancestor of the element', () => {
    expectRefused(
      driver,
      [{ elementId: 'C', ancestorElementInstanceKey: '999999' }],
      [],
      /ancestor element instance '999999', which does not exist/,
    );
    const a = keyOf(driver, 'A');
    expectRefused(
      driver,
      [{ elementId: 'C', ancestorElementInstanceKey: a }],
      [],
      new RegExp(`instance '${a}' of element 'A' does not hold element 'C'`),
    );
  });

  it('an activation inside a flow scope instance the same command terminates', () => {
    driver.completeJob('A');
    expectRefused(
      driver,
      [{ elementId: 'B' }],
      [{ elementInstanceKey: keyOf(driver, 'sub') }],
      /element 'B' requires flow scope instance '\d+' which is being terminated/,
    );
    expectRefused(
      driver,
      [{ elementId: 'C' }],
      [{ elementInstanceKey: driver.processInstanceKey }],
      /element 'C' requires flow scope instance '100'/,
    );
  });

  it('a valid first instruction does not survive an invalid second one', () => {
    driver.completeJob('A');
    modify(driver, [{ elementId: 'B', ancestorElementInstanceKey: driver.processInstanceKey }]);
    // 'C' alone is fine; 'B' is ambiguous (two subprocess instances): neither is applied.
    expectRefused(driver, [{ elementId: 'C' }, { elementId: 'B' }], [], /more than one active instance/);
  });
});

describe('process instance modification: multi-instance subprocesses', () => {
  let model: ProcessModel;
  beforeAll(async () => {
    model = await compile(MULTI);
  });

  it('activates inside an inner instance chosen by ancestor key; without one it is ambiguous', () => {
    const driver = new InstanceDriver(model);
    driver.create({ items: ['x', 'y'] });
    const inners = Object.values(driver.current.elementInstances).filter(
      (instance) => instance.elementId === 'each' && instance.elementType === 'subProcess',
    );
    expect(inners).toHaveLength(2);
    expectRefused(driver, [{ elementId: 'M' }], [], /flow scope 'each' has more than one active instance/);
    modify(driver, [{ elementId: 'M', ancestorElementInstanceKey: inners[1]!.key }]);
    expect(tree(driver, model)).toEqual({
      repair: [{ 'each#multiInstanceBody': [{ each: ['M'] }, { each: ['M', 'M'] }] }],
    });
  });

  it('refuses to create a multi-instance body or inner instance; terminating every inner instance ends the body', () => {
    const driver = new InstanceDriver(model);
    driver.create({ items: ['x'] });
    const inner = Object.values(driver.current.elementInstances).find(
      (instance) => instance.elementId === 'each' && instance.elementType === 'subProcess',
    );
    expectRefused(
      driver,
      [{ elementId: 'M', ancestorElementInstanceKey: driver.processInstanceKey }],
      [],
      /multi-instance element 'each', which is not supported/,
    );
    modify(driver, [], [{ elementInstanceKey: inner!.key }]);
    expect(driver.current.state).toBe('TERMINATED');
  });
});
