// BPMN errors across call activities: an error a child instance does not catch goes to the parent's
// call activity, where an error boundary event catches it (the child is canceled); caught nowhere
// up the chain, it becomes an incident on the thrower in the child.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import type { Effect } from '../../src';
import { InstanceDriver } from '../support/driver';

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">`;

/** start → call activity `call` (error boundary `caught` when `withBoundary`) → end. */
function parentXml(withBoundary: boolean): string {
  return `${header}
  <bpmn:process id="parent" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call">
      <bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:endEvent id="end" />
    ${withBoundary ? '<bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:boundaryEvent><bpmn:endEvent id="handled" /><bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="handled" />' : ''}
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
  <bpmn:error id="rejected" errorCode="REJECTED" />
</bpmn:definitions>`;
}

/** start → service task `check` → error end event throwing REJECTED (after the job completes). */
const childXml = `${header}
  <bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="check" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="fail" />
  </bpmn:process>
  <bpmn:error id="rejected" errorCode="REJECTED" />
</bpmn:definitions>`;

async function compiled(xml: string): Promise<ProcessModel> {
  const result = await compileBpmn(xml, { resourceName: 'test.bpmn' });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  const [model] = result.processes;
  if (!model) throw new Error('no process');
  return model;
}

type Propagation = Extract<Effect, { type: 'ERROR_PROPAGATION_REQUESTED' }>;

/** A parent waiting at its call activity and its child, as started by the parent's request. */
async function parentAndChild(withBoundary: boolean) {
  const parent = new InstanceDriver(await compiled(parentXml(withBoundary)));
  parent.create({});
  const [request] = parent.effects('CHILD_INSTANCE_REQUESTED');
  if (!request) throw new Error('no child requested');
  const child = new InstanceDriver(await compiled(childXml));
  child.create(
    {},
    {
      parentProcessInstanceKey: request.parentProcessInstanceKey,
      parentElementInstanceKey: request.parentElementInstanceKey,
    },
  );
  return { parent, child, request };
}

/** The child's propagation as the runtime delivers it (the test drivers give every instance one key). */
function toParent(parent: InstanceDriver, effect: Propagation) {
  const [request] = parent.effects('CHILD_INSTANCE_REQUESTED');
  return parent.send({
    type: 'CHILD_INSTANCE_ERROR_THROWN',
    elementInstanceKey: effect.parentElementInstanceKey,
    childProcessInstanceKey: request?.childProcessInstanceKey ?? '',
    errorCode: effect.errorCode,
    origin: effect.origin,
    ...(effect.variables ? { variables: effect.variables } : {}),
  });
}

describe('an error thrown in a called child', () => {
  it('goes to the parent, whose error boundary on the call activity catches it and cancels the child', async () => {
    const { parent, child, request } = await parentAndChild(true);
    child.completeJob('check', { reason: 'too late' });
    const [propagation] = child.effects('ERROR_PROPAGATION_REQUESTED');
    expect(propagation).toMatchObject({
      parentProcessInstanceKey: request.parentProcessInstanceKey,
      parentElementInstanceKey: request.parentElementInstanceKey,
      errorCode: 'REJECTED',
    });
    // The thrower waits for the parent's answer: no incident in the child.
    expect(child.openIncidents()).toEqual([]);
    expect(child.current.state).toBe('ACTIVE');

    expect(toParent(parent, propagation as Propagation).rejection).toBeUndefined();
    expect(parent.current.state).toBe('COMPLETED');
    expect(parent.current.completedElementIds).toEqual(['start', 'caught', 'handled']);
    expect(parent.effects('CHILD_INSTANCE_CANCEL_REQUESTED')).toEqual([
      { type: 'CHILD_INSTANCE_CANCEL_REQUESTED', childProcessInstanceKey: request.childProcessInstanceKey },
    ]);
  });

  it('caught nowhere: the parent answers and an incident waits on the thrower in the child', async () => {
    const { parent, child } = await parentAndChild(false);
    child.completeJob('check');
    const [propagation] = child.effects('ERROR_PROPAGATION_REQUESTED');
    toParent(parent, propagation as Propagation);
    expect(parent.current.state).toBe('ACTIVE');
    expect(parent.openIncidents()).toEqual([]);
    const [answer] = parent.effects('ERROR_NOT_CAUGHT_NOTIFIED');
    expect(answer).toMatchObject({
      elementInstanceKey: propagation?.origin.elementInstanceKey,
      errorCode: 'REJECTED',
    });

    child.send({
      type: 'ERROR_NOT_CAUGHT',
      elementInstanceKey: answer?.elementInstanceKey ?? '',
      errorCode: 'REJECTED',
      errorKey: answer?.errorKey ?? '',
    });
    expect(child.openIncidents()).toEqual([
      expect.objectContaining({ elementId: 'fail', errorType: 'UNHANDLED_ERROR_EVENT' }),
    ]);
  });

  it('from a job worker: the same, the job error is caught at the parent', async () => {
    const { parent, child } = await parentAndChild(true);
    child.send({ type: 'THROW_ERROR', jobKey: child.job('check').jobKey, errorCode: 'REJECTED' });
    const [propagation] = child.effects('ERROR_PROPAGATION_REQUESTED');
    expect(propagation?.origin.elementInstanceKey).toBeDefined();
    toParent(parent, propagation as Propagation);
    expect(parent.current.completedElementIds).toEqual(['start', 'caught', 'handled']);
  });

  it('passes up from a parent that is a child itself', async () => {
    const { parent, child } = await parentAndChild(false);
    // Make the parent a child of a grandparent by re-creating it with parent keys.
    const middle = new InstanceDriver(parent.model);
    middle.create({}, { parentProcessInstanceKey: '7', parentElementInstanceKey: '8' });
    const [request] = middle.effects('CHILD_INSTANCE_REQUESTED');
    child.completeJob('check');
    const [propagation] = child.effects('ERROR_PROPAGATION_REQUESTED');
    middle.send({
      type: 'CHILD_INSTANCE_ERROR_THROWN',
      elementInstanceKey: request?.parentElementInstanceKey ?? '',
      childProcessInstanceKey: request?.childProcessInstanceKey ?? '',
      errorCode: 'REJECTED',
      origin: (propagation as Propagation).origin,
    });
    expect(middle.effects('ERROR_PROPAGATION_REQUESTED')).toEqual([
      expect.objectContaining({
        parentProcessInstanceKey: '7',
        parentElementInstanceKey: '8',
        origin: (propagation as Propagation).origin,
      }),
    ]);
  });
});
