// Call activities, as effects and commands: entering one requests a child instance (input
// mappings or all visible variables); CHILD_INSTANCE_COMPLETED completes it (output mappings or
// propagateAllChildVariables); terminating it cancels the child; a completed child notifies its
// parent; a rejected child raises a CALLED_ELEMENT_ERROR incident.
import type { FlowNode } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { buildModel, jobDefinition, type NodeSpec } from '../support/model-builder';

type CallActivityOptions = Partial<Pick<FlowNode, 'inputMappings' | 'outputMappings'>> & {
  readonly propagateAllChildVariables?: boolean;
  readonly processId?: string;
};

function parentModel(options: CallActivityOptions = {}) {
  const call: NodeSpec = {
    id: 'call',
    kind: 'callActivity',
    calledElement: {
      processId: options.processId?.startsWith('=')
        ? { kind: 'feel', expression: options.processId.slice(1) }
        : { kind: 'static', value: options.processId ?? 'child-process' },
      propagateAllChildVariables: options.propagateAllChildVariables ?? true,
    },
    ...(options.inputMappings ? { inputMappings: options.inputMappings } : {}),
    ...(options.outputMappings ? { outputMappings: options.outputMappings } : {}),
  };
  return buildModel(
    'parent-process',
    [
      { id: 'start', kind: 'startEvent' },
      call,
      { id: 'after', kind: 'serviceTask', job: jobDefinition('after') },
      { id: 'end', kind: 'endEvent', terminate: false },
    ],
    [
      ['start', 'call'],
      ['call', 'after'],
      ['after', 'end'],
    ],
  );
}

function requested(driver: InstanceDriver) {
  const [effect] = driver.effects('CHILD_INSTANCE_REQUESTED');
  if (!effect) throw new Error('no child instance requested');
  return effect;
}

function childCompleted(driver: InstanceDriver, variables: Record<string, unknown>) {
  const effect = requested(driver);
  return driver.send({
    type: 'CHILD_INSTANCE_COMPLETED',
    elementInstanceKey: effect.parentElementInstanceKey,
    childProcessInstanceKey: effect.childProcessInstanceKey,
    variables,
  });
}

describe('call activity in the parent', () => {
  it('requests a child of the called process with every visible variable, and waits', () => {
    const driver = new InstanceDriver(parentModel());
    driver.create({ orderId: 'o-1', amount: 3 });
    const effect = requested(driver);
    const callInstance = Object.values(driver.current.elementInstances).find((e) => e.elementId === 'call');
    expect(effect).toEqual({
      type: 'CHILD_INSTANCE_REQUESTED',
      childProcessInstanceKey: callInstance?.calledProcessInstanceKey,
      parentProcessInstanceKey: driver.processInstanceKey,
      parentElementInstanceKey: callInstance?.key,
      processDefinitionId: 'child-process',
      variables: { orderId: 'o-1', amount: 3 },
    });
    expect(driver.activeElementIds()).toEqual(['call']);
  });

  it('hands the child only its input mappings when it has some; FEEL process ids are evaluated', () => {
    const driver = new InstanceDriver(
      parentModel({
        inputMappings: [{ source: 'amount * 2', target: 'double' }],
        processId: '="child-" + kind',
      }),
    );
    driver.create({ amount: 3, kind: 'b' });
    expect(requested(driver)).toMatchObject({ processDefinitionId: 'child-b', variables: { double: 6 } });
  });

  it('completes with all the child variables (propagateAllChildVariables) and moves on', () => {
    const driver = new InstanceDriver(parentModel());
    driver.create({ amount: 3 });
    childCompleted(driver, { amount: 4, approved: true });
    expect(driver.rootVariables()).toEqual({ amount: 4, approved: true });
    expect(driver.activeElementIds()).toEqual(['after']);
  });

  it('takes back nothing without propagateAllChildVariables and output mappings', () => {
    const driver = new InstanceDriver(parentModel({ propagateAllChildVariables: false }));
    driver.create({ amount: 3 });
    childCompleted(driver, { amount: 4, approved: true });
    expect(driver.rootVariables()).toEqual({ amount: 3 });
    expect(driver.activeElementIds()).toEqual(['after']);
  });

  it('applies output mappings to the child variables', () => {
    const driver = new InstanceDriver(
      parentModel({
        propagateAllChildVariables: false,
        outputMappings: [{ source: 'approved', target: 'ok' }],
      }),
    );
    driver.create({ amount: 3 });
    childCompleted(driver, { amount: 4, approved: true });
    expect(driver.rootVariables()).toEqual({ amount: 3, ok: true });
  });

  it('cancels the child when the parent is canceled', () => {
    const driver = new InstanceDriver(parentModel());
    driver.create();
    const child = requested(driver).childProcessInstanceKey;
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.current.state).toBe('TERMINATED');
    expect(driver.effects('CHILD_INSTANCE_CANCEL_REQUESTED')).toEqual([
      { type: 'CHILD_INSTANCE_CANCEL_REQUESTED', childProcessInstanceKey: child },
    ]);
  });

  it('raises a CALLED_ELEMENT_ERROR incident when the child cannot be created; resolving it tries again', () => {
    const driver = new InstanceDriver(parentModel());
    driver.create();
    const effect = requested(driver);
    driver.send({
      type: 'CHILD_INSTANCE_REJECTED',
      elementInstanceKey: effect.parentElementInstanceKey,
      childProcessInstanceKey: effect.childProcessInstanceKey,
      message: "Expected process with BPMN process id 'child-process' to be deployed, but not found.",
    });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(incident?.errorMessage).toContain("'child-process'");
    // A late completion of the rejected child is refused.
    const late = driver.send({
      type: 'CHILD_INSTANCE_COMPLETED',
      elementInstanceKey: effect.parentElementInstanceKey,
      childProcessInstanceKey: effect.childProcessInstanceKey,
      variables: {},
    });
    expect(late.rejection?.code).toBe('NOT_FOUND');

    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    const retry = requested(driver);
    expect(retry.childProcessInstanceKey).not.toBe(effect.childProcessInstanceKey);
  });
});

describe('call activity with an interrupting message boundary event', () => {
  it('cancels the child when the boundary event interrupts the call activity', () => {
    const driver = new InstanceDriver(
      buildModel(
        'interrupted-parent',
        [
          { id: 'start', kind: 'startEvent' },
          {
            id: 'call',
            kind: 'callActivity',
            calledElement: {
              processId: { kind: 'static', value: 'child' },
              propagateAllChildVariables: true,
            },
            boundaryEventIds: ['stop'],
          },
          {
            id: 'stop',
            kind: 'boundaryEvent',
            attachedToId: 'call',
            cancelActivity: true,
            trigger: {
              kind: 'message',
              message: { name: { kind: 'static', value: 'stop' }, correlationKey: 'orderId' },
            },
          },
          { id: 'end', kind: 'endEvent', terminate: false },
        ],
        [
          ['start', 'call'],
          ['call', 'end'],
          ['stop', 'end'],
        ],
      ),
    );
    driver.create({ orderId: 'o-1' });
    const child = requested(driver).childProcessInstanceKey;
    const [subscription] = driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription);
    driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: subscription!.elementInstanceKey,
      messageKey: '9001',
      messageName: 'stop',
      variables: {},
    });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('CHILD_INSTANCE_CANCEL_REQUESTED')).toEqual([
      { type: 'CHILD_INSTANCE_CANCEL_REQUESTED', childProcessInstanceKey: child },
    ]);
  });
});

describe('child instance', () => {
  it('notifies its parent with its root variables when it completes', () => {
    const child = new InstanceDriver(
      buildModel(
        'child-process',
        [
          { id: 'start', kind: 'startEvent' },
          { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
          { id: 'end', kind: 'endEvent', terminate: false },
        ],
        [
          ['start', 'work'],
          ['work', 'end'],
        ],
      ),
    );
    child.create({ amount: 3 }, { parentProcessInstanceKey: '7', parentElementInstanceKey: '8' });
    expect(child.current).toMatchObject({ parentProcessInstanceKey: '7', parentElementInstanceKey: '8' });
    expect(child.effects('PARENT_NOTIFICATION_REQUESTED')).toEqual([]);
    child.completeJob('work', { approved: true });
    expect(child.current.state).toBe('COMPLETED');
    expect(child.effects('PARENT_NOTIFICATION_REQUESTED')).toEqual([
      {
        type: 'PARENT_NOTIFICATION_REQUESTED',
        parentProcessInstanceKey: '7',
        parentElementInstanceKey: '8',
        childProcessInstanceKey: child.processInstanceKey,
        variables: { amount: 3, approved: true },
      },
    ]);
  });
});
