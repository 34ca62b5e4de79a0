// Message catch elements: intermediate message catch events and receive tasks compile to the
// message name and correlation key the engine evaluates; each way of getting them wrong is a
// problem naming the element.
import { compileBpmn } from './compile';
import type { MessageCatchNode, ProcessModel } from './model';
import { camunda7Process, onlyProcess, problemsOf, readFixture, zeebeProcess } from './test-support';

const ZEEBE_NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="x"';

/** A Zeebe document: start → `element` → end, plus the root elements in `messages`. */
function zeebeWithMessages(element: string, messages: string): string {
  const flows =
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x"/><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end"/>';
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${ZEEBE_NAMESPACES}><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start"/>${element}<bpmn:endEvent id="end"/>${flows}</bpmn:process>${messages}</bpmn:definitions>`;
}

function zeebeMessage(
  name: string | undefined,
  subscription = '<zeebe:subscription correlationKey="=orderId"/>',
) {
  const nameAttribute = name === undefined ? '' : ` name="${name}"`;
  return `<bpmn:message id="m1"${nameAttribute}><bpmn:extensionElements>${subscription}</bpmn:extensionElements></bpmn:message>`;
}

const CATCH_EVENT =
  '<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition id="x-def" messageRef="m1"/></bpmn:intermediateCatchEvent>';
const RECEIVE_TASK = '<bpmn:receiveTask id="x" messageRef="m1"/>';

function messageNode(process: ProcessModel, id: string): MessageCatchNode {
  const node = process.elements[id];
  if ((node?.kind !== 'intermediateCatchEvent' && node?.kind !== 'receiveTask') || !('message' in node))
    throw new Error(`expected ${id} to be a message catch element, got ${node?.kind ?? 'nothing'}`);
  return node;
}

async function problems(xml: string) {
  return problemsOf(await compileBpmn(xml, { resourceName: 'test.bpmn' }));
}

describe('message catch elements', () => {
  it('compiles the fixture: a catch event with a static name, a receive task with a FEEL name', async () => {
    const process = onlyProcess(await compileBpmn(readFixture('message-catch.bpmn')));
    const payment = messageNode(process, 'wait-payment');
    expect(payment).toMatchObject({
      kind: 'intermediateCatchEvent',
      message: { name: { kind: 'static', value: 'payment-received' }, correlationKey: 'orderId' },
      outputMappings: [{ source: 'amount', target: 'paidAmount' }],
      incoming: ['flow-start-payment'],
      outgoing: ['flow-payment-shipment'],
    });
    expect(messageNode(process, 'wait-shipment')).toMatchObject({
      kind: 'receiveTask',
      message: { name: { kind: 'feel', expression: '"shipment-" + region' }, correlationKey: 'orderId' },
    });
  });

  it.each([
    ['intermediate catch event', CATCH_EVENT],
    ['receive task', RECEIVE_TASK],
  ])(
    'reports a %s whose message has no zeebe:subscription as MISSING_CORRELATION_KEY',
    async (_label, element) => {
      const found = await problems(zeebeWithMessages(element, zeebeMessage('paid', '')));
      expect(found).toEqual([expect.objectContaining({ code: 'MISSING_CORRELATION_KEY', elementId: 'x' })]);
      expect(found[0]?.message).toContain('zeebe:subscription');
    },
  );

  it('reports a static correlation key as INVALID_CORRELATION_KEY (Zeebe requires an expression)', async () => {
    const found = await problems(
      zeebeWithMessages(CATCH_EVENT, zeebeMessage('paid', '<zeebe:subscription correlationKey="order-1"/>')),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'INVALID_CORRELATION_KEY', elementId: 'x' })]);
    expect(found[0]?.message).toContain("'order-1'");
  });

  it('reports FEEL syntax errors in the correlation key and the message name on the element', async () => {
    const found = await problems(
      zeebeWithMessages(RECEIVE_TASK, zeebeMessage('=1 +', '<zeebe:subscription correlationKey="=a +"/>')),
    );
    expect(found.map((problem) => `${problem.code}@${problem.elementId ?? ''}`)).toEqual([
      'FEEL_SYNTAX@x',
      'FEEL_SYNTAX@x',
    ]);
    expect(found.map((problem) => problem.message).join(' ')).toMatch(/message name.*correlation key/);
  });

  it('reports a message catch element without a message, or with a nameless message, as MISSING_MESSAGE', async () => {
    const withoutRef = await problems(
      zeebeWithMessages(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>',
        '',
      ),
    );
    expect(withoutRef).toEqual([expect.objectContaining({ code: 'MISSING_MESSAGE', elementId: 'x' })]);
    const withoutName = await problems(zeebeWithMessages(RECEIVE_TASK, zeebeMessage(undefined)));
    expect(withoutName).toEqual([expect.objectContaining({ code: 'MISSING_MESSAGE', elementId: 'x' })]);
    expect(withoutName[0]?.message).toContain('has no name');
  });

  it('reports a messageRef to an unknown message once, as UNRESOLVED_REFERENCE', async () => {
    const found = await problems(
      zeebeWithMessages(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition id="x-def" messageRef="ghost"/></bpmn:intermediateCatchEvent>',
        '',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'UNRESOLVED_REFERENCE', elementId: 'x-def' })]);
  });

  it('still refuses intermediate catch events of other kinds by name', async () => {
    const found = await problems(
      zeebeProcess(
        '<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="t"><bpmn:conditionalEventDefinition/></bpmn:intermediateCatchEvent>',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 't' })]);
    expect(found[0]?.message).toContain('bpmn:ConditionalEventDefinition');
  });

  it('compiles a Camunda 7 receive task without a correlation key, translating a ${…} name', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:receiveTask id="x" messageRef="m1"/><bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x"/><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end"/>';
    const xml = camunda7Process(body).replace(
      '</bpmn:definitions>',
      '<bpmn:message id="m1" name="${messageName}"/></bpmn:definitions>',
    );
    const process = onlyProcess(await compileBpmn(xml));
    const node = messageNode(process, 'x');
    expect(node.kind).toBe('receiveTask');
    expect(node.message.correlationKey).toBeUndefined();
    expect(node.message.name).toEqual({ kind: 'feel', expression: 'messageName' });
  });
});

describe('message throw and end events', () => {
  const taskDefinition = (type: string) =>
    `<bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements>`;

  it('are jobs of their zeebe:taskDefinition, as Zeebe runs them; a none throw event passes through', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${ZEEBE_NAMESPACES}><bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateThrowEvent id="notify">${taskDefinition('send-notification')}<bpmn:messageEventDefinition id="d1"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="milestone"/>
      <bpmn:endEvent id="done">${taskDefinition('send-receipt')}<bpmn:messageEventDefinition id="d2"/></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify"/><bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="milestone"/>
      <bpmn:sequenceFlow id="f3" sourceRef="milestone" targetRef="done"/></bpmn:process></bpmn:definitions>`;
    const process = onlyProcess(await compileBpmn(xml, { resourceName: 'throw.bpmn' }));
    const jobType = (id: string) => {
      const node = process.elements[id];
      return node && 'job' in node && node.job?.type.kind === 'static' ? node.job.type.value : undefined;
    };
    expect(jobType('notify')).toBe('send-notification');
    expect(jobType('done')).toBe('send-receipt');
    expect(process.elements['done']?.outgoing).toEqual([]);
    expect(process.elements['milestone']?.kind).toBe('task');
  });

  it('report a message throw event without a job type on the element', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${ZEEBE_NAMESPACES}><bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="start"/><bpmn:endEvent id="untyped"><bpmn:messageEventDefinition id="d"/></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="untyped"/></bpmn:process></bpmn:definitions>`;
    expect((await problems(xml)).map((problem) => problem.elementId)).toContain('untyped');
  });
});
