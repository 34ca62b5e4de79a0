// Compiling event-based gateways, message start events, message and timer event subprocess
// starts, and error boundary events on call activities.
import { compileBpmn } from './compile';
import { onlyProcess, problemsOf, readFixture, zeebeProcess } from './test-support';

const definitions =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';

/** A Zeebe document with process `p` around `body`, and `topLevel` (messages, errors) beside it. */
function document(body: string, topLevel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${definitions}><bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${topLevel}</bpmn:definitions>`;
}

const compile = (xml: string) => compileBpmn(xml, { resourceName: 'test.bpmn' });

describe('event-based gateway', () => {
  it('compiles with its flows to a message catch event, a receive task and a timer catch event', async () => {
    const model = onlyProcess(await compile(readFixture('event-gateway.bpmn')));
    expect(model.elements['gateway']).toMatchObject({
      kind: 'eventBasedGateway',
      outgoing: ['to-payment', 'to-cancellation', 'to-timeout'],
    });
  });

  it('refuses fewer than two flows, a target that is no catch event, a condition on a flow', async () => {
    const found = problemsOf(
      await compile(
        zeebeProcess(
          '<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/><bpmn:task id="t"/><bpmn:endEvent id="e"/>' +
            '<bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g"/>' +
            '<bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>' +
            '<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>',
        ),
      ),
    );
    expect(found.map((problem) => `${problem.code}@${problem.elementId}`).sort()).toEqual([
      'INVALID_EVENT_GATEWAY@g',
      'INVALID_EVENT_GATEWAY@g',
      'UNSUPPORTED_ELEMENT@f1',
    ]);
    expect(found.map((problem) => problem.message).join('\n')).toContain('needs at least two');
    expect(found.map((problem) => problem.message).join('\n')).toContain("leads to task 't'");
  });

  it('refuses two events after it waiting for the same message', async () => {
    const catchEvent = (id: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="${id}-end"/><bpmn:sequenceFlow id="${id}-out" sourceRef="${id}" targetRef="${id}-end"/><bpmn:sequenceFlow id="${id}-in" sourceRef="g" targetRef="${id}"/>`;
    const found = problemsOf(
      await compile(
        document(
          `<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g"/>${catchEvent('a')}${catchEvent('b')}`,
          '<bpmn:message id="m" name="same"><bpmn:extensionElements><zeebe:subscription correlationKey="=k"/></bpmn:extensionElements></bpmn:message>',
        ),
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'INVALID_EVENT_GATEWAY', elementId: 'g' })]);
    expect(found[0]?.message).toContain("message 'same'");
  });
});

describe('message start events', () => {
  it('compile beside a none start event: the none start stays the start of create requests', async () => {
    const model = onlyProcess(await compile(readFixture('message-start.bpmn')));
    expect(model.startEventIds).toEqual(['start']);
    expect(model.elements['order-placed']).toMatchObject({
      kind: 'startEvent',
      message: { name: { kind: 'static', value: 'order-placed' } },
    });
  });

  it('make a process without a none start event deployable, without a correlation key', async () => {
    const model = onlyProcess(
      await compile(
        document(
          '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>',
          '<bpmn:message id="m" name="go"/>',
        ),
      ),
    );
    expect(model.startEventIds).toEqual([]);
  });

  it('refuse two message start events with one name, and a name expression', async () => {
    const start = (id: string, message: string) =>
      `<bpmn:startEvent id="${id}"><bpmn:messageEventDefinition messageRef="${message}"/></bpmn:startEvent><bpmn:sequenceFlow id="${id}-f" sourceRef="${id}" targetRef="e"/>`;
    const found = problemsOf(
      await compile(
        document(
          `${start('a', 'm1')}${start('b', 'm1')}${start('c', 'm2')}<bpmn:endEvent id="e"/>`,
          '<bpmn:message id="m1" name="same"/><bpmn:message id="m2" name="=dynamic"/>',
        ),
      ),
    );
    expect(found.map((problem) => `${problem.code}@${problem.elementId}`).sort()).toEqual([
      'INVALID_MESSAGE_START@b',
      'INVALID_MESSAGE_START@c',
    ]);
  });

  it('are refused inside an embedded subprocess', async () => {
    const found = problemsOf(
      await compile(
        zeebeProcess(
          '<bpmn:startEvent id="s"/><bpmn:subProcess id="sp"><bpmn:startEvent id="x"><bpmn:messageEventDefinition/></bpmn:startEvent></bpmn:subProcess>',
        ),
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'x' })]),
    );
  });
});

describe('message and timer event subprocesses', () => {
  it('compile with their interrupting flag, message subscription and timer', async () => {
    const model = onlyProcess(await compile(readFixture('event-subprocess-triggers.bpmn')));
    expect(model.elements['update-start']).toMatchObject({
      kind: 'startEvent',
      interrupting: false,
      message: { name: { kind: 'static', value: 'order-updated' }, correlationKey: 'orderId' },
    });
    expect(model.elements['cancel-start']).toMatchObject({ interrupting: true });
    expect(model.elements['reminder-start']).toMatchObject({
      interrupting: false,
      timer: { kind: 'cycle', value: { kind: 'static', value: 'R2/PT10M' } },
    });
    expect(model.elements['on-deadline']).toMatchObject({
      triggeredByEvent: true,
      startEventIds: ['deadline-start'],
    });
  });

  it('need the correlation key of a Zeebe message', async () => {
    const found = problemsOf(
      await compile(
        document(
          '<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>' +
            '<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="x"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="xe"/><bpmn:sequenceFlow id="xf" sourceRef="x" targetRef="xe"/></bpmn:subProcess>',
          '<bpmn:message id="m" name="go"/>',
        ),
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'MISSING_CORRELATION_KEY', elementId: 'x' })]);
  });
});

describe('error boundary event on a call activity', () => {
  it('compiles: the call activity lists it', async () => {
    const model = onlyProcess(
      await compile(
        document(
          '<bpmn:startEvent id="s"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="e"/>' +
            '<bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent><bpmn:endEvent id="h"/>' +
            '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call"/><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e"/><bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="h"/>',
          '<bpmn:error id="err" errorCode="REJECTED"/>',
        ),
      ),
    );
    expect(model.elements['call']?.boundaryEventIds).toEqual(['caught']);
  });
});

describe('escalation events', () => {
  it('compile: throw events with their code, catches with theirs or none (catch-all)', async () => {
    const model = onlyProcess(await compile(readFixture('escalation-events.bpmn')));
    expect(model.elements['notify-late']).toMatchObject({
      kind: 'intermediateThrowEvent',
      escalationCode: { kind: 'static', value: 'LATE' },
    });
    expect(model.elements['give-up']).toMatchObject({
      kind: 'endEvent',
      escalationCode: { kind: 'static', value: 'STUCK' },
    });
    expect(model.elements['on-late']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'escalation', escalation: { escalationCode: 'LATE' } },
    });
    expect(model.elements['any-start']).toMatchObject({ interrupting: false, escalation: {} });
  });

  it('refuse a throw event without a code and a boundary event on a task', async () => {
    const found = problemsOf(
      await compile(
        zeebeProcess(
          '<bpmn:startEvent id="s"/><bpmn:task id="t"/><bpmn:intermediateThrowEvent id="x"><bpmn:escalationEventDefinition/></bpmn:intermediateThrowEvent><bpmn:endEvent id="e"/>' +
            '<bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent><bpmn:endEvent id="be"/>' +
            '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="x"/><bpmn:sequenceFlow id="f3" sourceRef="x" targetRef="e"/><bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="be"/>',
        ),
      ),
    );
    expect(found.map((problem) => `${problem.code}@${problem.elementId}`).sort()).toEqual([
      'INVALID_BOUNDARY_EVENT@b',
      'MISSING_ESCALATION_CODE@x',
    ]);
  });
});
