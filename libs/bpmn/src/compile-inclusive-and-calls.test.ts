// Inclusive gateways (conditions allowed on their flows, default flow checked) and call
// activities (zeebe:calledElement, Camunda 7 calledElement) compile, or fail naming the element.
import { compileBpmn } from './compile';
import { onlyProcess, problemsOf, zeebeProcess, camunda7Process } from './test-support';

async function compile(xml: string) {
  return compileBpmn(xml, { resourceName: 'test.bpmn' });
}

function inclusive(defaultFlow: string): string {
  return (
    `<bpmn:startEvent id="start"/><bpmn:inclusiveGateway id="fork" default="${defaultFlow}"/>` +
    '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/><bpmn:endEvent id="c"/>' +
    '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>' +
    '<bpmn:sequenceFlow id="to-a" sourceRef="fork" targetRef="a"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>' +
    '<bpmn:sequenceFlow id="to-b" sourceRef="fork" targetRef="b"/>' +
    '<bpmn:sequenceFlow id="to-c" sourceRef="fork" targetRef="c"/>'
  );
}

describe('inclusive gateway', () => {
  it('compiles with conditions, unconditional flows and a default flow', async () => {
    const process = onlyProcess(await compile(zeebeProcess(inclusive('to-c'))));
    expect(process.elements['fork']).toMatchObject({
      kind: 'inclusiveGateway',
      defaultFlowId: 'to-c',
      outgoing: ['to-a', 'to-b', 'to-c'],
    });
    expect(process.flows['to-a']?.condition).toBe('x > 1');
  });

  it('reports a default flow that does not leave the gateway', async () => {
    const problems = problemsOf(await compile(zeebeProcess(inclusive('f0'))));
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_DEFAULT_FLOW', elementId: 'fork' })]);
  });
});

function callActivity(extension: string, attributes = ''): string {
  return (
    `<bpmn:startEvent id="start"/><bpmn:callActivity id="call" ${attributes}>${extension}</bpmn:callActivity><bpmn:endEvent id="end"/>` +
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>'
  );
}

describe('call activity', () => {
  it('compiles zeebe:calledElement with its process id and propagateAllChildVariables', async () => {
    const process = onlyProcess(
      await compile(
        zeebeProcess(
          callActivity(
            '<bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false"/></bpmn:extensionElements>',
          ),
        ),
      ),
    );
    expect(process.elements['call']).toMatchObject({
      kind: 'callActivity',
      calledElement: { processId: { kind: 'static', value: 'child' }, propagateAllChildVariables: false },
    });
  });

  it('reads a FEEL process id, and propagates child variables by default', async () => {
    const process = onlyProcess(
      await compile(
        zeebeProcess(
          callActivity(
            '<bpmn:extensionElements><zeebe:calledElement processId="=childId"/></bpmn:extensionElements>',
          ),
        ),
      ),
    );
    expect(process.elements['call']).toMatchObject({
      calledElement: { processId: { kind: 'feel', expression: 'childId' }, propagateAllChildVariables: true },
    });
  });

  it('reads the Camunda 7 calledElement attribute', async () => {
    const process = onlyProcess(await compile(camunda7Process(callActivity('', 'calledElement="child"'))));
    expect(process.elements['call']).toMatchObject({
      calledElement: { processId: { kind: 'static', value: 'child' } },
    });
  });

  it('reports a call activity without a called process', async () => {
    const problems = problemsOf(await compile(zeebeProcess(callActivity(''))));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'MISSING_CALLED_ELEMENT', elementId: 'call' }),
    ]);
  });
});
