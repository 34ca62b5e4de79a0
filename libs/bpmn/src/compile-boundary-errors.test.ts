// Boundary events, error end events and error event subprocesses: what they compile to, and each
// way of drawing them that cannot run, reported with the element it is about.
import { compileBpmn } from './compile';
import type { FlowNode, ProcessModel } from './model';
import { camunda7Process, onlyProcess, problemsOf, readFixture, zeebeProcess } from './test-support';

function node(process: ProcessModel, id: string): FlowNode {
  const found = process.elements[id];
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

async function problems(xml: string) {
  return problemsOf(await compileBpmn(xml, { resourceName: 'test.bpmn' }));
}

const TASK_FLOWS =
  '<bpmn:startEvent id="start"/><bpmn:task id="work"/><bpmn:endEvent id="end"/>' +
  '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>';

describe('boundary events', () => {
  it('compile with their trigger, and their host lists them (boundary-events.bpmn)', async () => {
    const process = onlyProcess(await compileBpmn(readFixture('boundary-events.bpmn')));
    expect(node(process, 'review').boundaryEventIds).toEqual([
      'order-canceled',
      'reminder',
      'rejected',
      'any-error',
    ]);
    expect(node(process, 'order-canceled')).toMatchObject({
      kind: 'boundaryEvent',
      attachedToId: 'review',
      cancelActivity: true,
      scopeId: 'boundary-events-process',
      outgoing: ['flow-canceled-end'],
      outputMappings: [{ source: 'reason', target: 'cancelReason' }],
      trigger: {
        kind: 'message',
        message: { name: { kind: 'static', value: 'order-canceled' }, correlationKey: 'orderId' },
      },
    });
    expect(node(process, 'reminder')).toMatchObject({ cancelActivity: false, trigger: { kind: 'message' } });
    expect(node(process, 'rejected')).toMatchObject({
      trigger: { kind: 'error', error: { errorCode: 'REJECTED' } },
    });
    expect(node(process, 'any-error')).toMatchObject({ trigger: { kind: 'error', error: {} } });
    expect(node(process, 'end').boundaryEventIds).toBeUndefined();
  });

  it('compile in Camunda 7 models, whose messages have no correlation key', async () => {
    const body = `${TASK_FLOWS}<bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>`;
    const xml = camunda7Process(body).replace(
      '</bpmn:definitions>',
      '<bpmn:message id="m" name="stop"/></bpmn:definitions>',
    );
    const process = onlyProcess(await compileBpmn(xml));
    expect(node(process, 'stop')).toMatchObject({
      trigger: { kind: 'message', message: { name: { kind: 'static', value: 'stop' } } },
    });
    expect(node(process, 'work').boundaryEventIds).toEqual(['stop']);
  });

  it.each([
    [
      'an error boundary event that does not interrupt',
      `${TASK_FLOWS}<bpmn:boundaryEvent id="x" cancelActivity="false" attachedToRef="work"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`,
      'always interrupts',
    ],
    [
      'a boundary event on a gateway',
      '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="gw"/>' +
        '<bpmn:boundaryEvent id="x" attachedToRef="gw"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>',
      "attached to exclusiveGateway 'gw'",
    ],
    [
      'a boundary event with an incoming flow',
      `${TASK_FLOWS}<bpmn:boundaryEvent id="x" attachedToRef="work"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:sequenceFlow id="f3" sourceRef="start" targetRef="x"/>`,
      'incoming sequence flows',
    ],
    [
      'a boundary event outside the scope of its activity',
      '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="s"/><bpmn:task id="inner"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="inner"/></bpmn:subProcess>' +
        '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="sub"/><bpmn:boundaryEvent id="x" attachedToRef="inner"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>',
      'not in the same scope',
    ],
  ])('report %s as INVALID_BOUNDARY_EVENT', async (_label, body, named) => {
    const found = await problems(zeebeProcess(body));
    expect(found).toEqual([expect.objectContaining({ code: 'INVALID_BOUNDARY_EVENT', elementId: 'x' })]);
    expect(found[0]?.message).toContain(named);
  });

  it('report an unknown attachedToRef once, as an unresolved reference', async () => {
    const found = await problems(
      zeebeProcess(
        `${TASK_FLOWS}<bpmn:boundaryEvent id="x" attachedToRef="nowhere"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`,
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'UNRESOLVED_REFERENCE', elementId: 'x' })]);
  });

  it('report a message boundary event without a message', async () => {
    const found = await problems(
      zeebeProcess(
        `${TASK_FLOWS}<bpmn:boundaryEvent id="x" attachedToRef="work"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>`,
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'MISSING_MESSAGE', elementId: 'x' })]);
  });
});

describe('error end events and error event subprocesses (error-events.bpmn)', () => {
  it('compile to the thrown code, and an event subprocess started by its error start event', async () => {
    const process = onlyProcess(await compileBpmn(readFixture('error-events.bpmn')));
    expect(node(process, 'too-much')).toMatchObject({
      kind: 'endEvent',
      terminate: false,
      errorCode: { kind: 'static', value: 'LIMIT_EXCEEDED' },
    });
    expect(node(process, 'payment-end')).not.toHaveProperty('errorCode');
    expect(node(process, 'on-error')).toMatchObject({
      kind: 'subProcess',
      triggeredByEvent: true,
      startEventIds: ['on-error-start'],
      incoming: [],
      outgoing: [],
    });
    expect(node(process, 'on-error-start')).toMatchObject({ kind: 'startEvent', error: {} });
    expect(node(process, 'payment')).not.toHaveProperty('triggeredByEvent');
    expect(process.startEventIds).toEqual(['start']);
  });

  it('read a FEEL error code', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:endEvent id="x"><bpmn:errorEventDefinition errorRef="e"/></bpmn:endEvent><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="x"/>',
    ).replace('</bpmn:definitions>', '<bpmn:error id="e" errorCode="=code"/></bpmn:definitions>');
    expect(node(onlyProcess(await compileBpmn(xml)), 'x')).toMatchObject({
      errorCode: { kind: 'feel', expression: 'code' },
    });
  });

  /** An event subprocess `esp` around `contents`, beside start → end. */
  const withEventSubProcess = (contents: string, attributes = 'triggeredByEvent="true"') =>
    zeebeProcess(
      `<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/><bpmn:subProcess id="esp" ${attributes}>${contents}</bpmn:subProcess>`,
    );

  it.each([
    [
      'an error end event without an error code',
      zeebeProcess(
        '<bpmn:startEvent id="start"/><bpmn:endEvent id="x"><bpmn:errorEventDefinition/></bpmn:endEvent><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="x"/>',
      ),
      'MISSING_ERROR_CODE',
      'x',
    ],
    [
      'an error start event outside an event subprocess',
      zeebeProcess(
        '<bpmn:startEvent id="start"/><bpmn:startEvent id="x"><bpmn:errorEventDefinition/></bpmn:startEvent>',
      ),
      'UNSUPPORTED_ELEMENT',
      'x',
    ],
    [
      'an event subprocess with a none start event',
      withEventSubProcess('<bpmn:startEvent id="s"/>'),
      'INVALID_SUBPROCESS_START',
      'esp',
    ],
    [
      'a non-interrupting error start event',
      withEventSubProcess(
        '<bpmn:startEvent id="s" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>',
      ),
      'INVALID_EVENT_SUBPROCESS',
      's',
    ],
    [
      'an event subprocess entered by a sequence flow',
      withEventSubProcess('<bpmn:startEvent id="s"><bpmn:errorEventDefinition/></bpmn:startEvent>').replace(
        '</bpmn:process>',
        '<bpmn:task id="t"/><bpmn:sequenceFlow id="g" sourceRef="t" targetRef="esp"/></bpmn:process>',
      ),
      'INVALID_EVENT_SUBPROCESS',
      'esp',
    ],
  ])('report %s', async (_label, xml, code, elementId) => {
    expect(await problems(xml)).toEqual([expect.objectContaining({ code, elementId })]);
  });
});
