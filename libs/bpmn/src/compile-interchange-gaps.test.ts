// Constructs of interchanged (non-Camunda) models that Baton accepts because they cannot affect a
// run, say exactly what they mean, or are plain BPMN: found running the MIWG reference models
// (C.8.1, A.2.1).
import { compileBpmn } from './compile';
import { onlyProcess, problemsOf, zeebeProcess } from './test-support';

const START_TO_GATEWAY =
  '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw" default="to-b"/>' +
  '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>' +
  '<bpmn:sequenceFlow id="start-to-gw" sourceRef="start" targetRef="gw"/>' +
  '<bpmn:sequenceFlow id="to-b" sourceRef="gw" targetRef="b"/>';

function withConditionToA(condition: string): string {
  return zeebeProcess(
    `${START_TO_GATEWAY}<bpmn:sequenceFlow id="to-a" sourceRef="gw" targetRef="a">${condition}</bpmn:sequenceFlow>`,
  );
}

describe('a condition whose language is FEEL', () => {
  it('is FEEL without the leading "=" (DMN FEEL URI as the language)', async () => {
    const xml = withConditionToA(
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="https://www.omg.org/spec/DMN/20191111/FEEL/">status = "Approved"</bpmn:conditionExpression>',
    );
    const process = onlyProcess(await compileBpmn(xml));
    expect(process.flows['to-a']?.condition).toBe('status = "Approved"');
  });

  it('is still syntax-checked', async () => {
    const xml = withConditionToA(
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="http://www.omg.org/spec/FEEL/20140401">status = </bpmn:conditionExpression>',
    );
    expect(problemsOf(await compileBpmn(xml))).toEqual([
      expect.objectContaining({ code: 'FEEL_SYNTAX', elementId: 'to-a' }),
    ]);
  });

  it('other languages still need the "=" of a FEEL expression', async () => {
    const xml = withConditionToA(
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="http://www.w3.org/1999/XPath">true</bpmn:conditionExpression>',
    );
    expect(problemsOf(await compileBpmn(xml))).toEqual([
      expect.objectContaining({ code: 'FEEL_SYNTAX', elementId: 'to-a' }),
    ]);
  });
});

describe('an unresolved reference of a service interface operation', () => {
  const START_TO_END =
    '<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>';

  it('is a warning, not a problem: operations only document the service', async () => {
    const xml = zeebeProcess(START_TO_END).replace(
      '</bpmn:definitions>',
      '<bpmn:message id="in" name="in"/><bpmn:interface id="mail" name="Mail"><bpmn:operation id="send" name="Send">' +
        '<bpmn:inMessageRef>in</bpmn:inMessageRef><bpmn:outMessageRef>unspecified</bpmn:outMessageRef>' +
        '</bpmn:operation></bpmn:interface></bpmn:definitions>',
    );
    const result = await compileBpmn(xml);
    onlyProcess(result);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'UNRESOLVED_REFERENCE', elementId: 'send' }),
    ]);
  });
});

describe('conditional and default flows out of an activity', () => {
  const body =
    '<bpmn:startEvent id="start"/><bpmn:task id="work" default="to-c"/>' +
    '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/><bpmn:endEvent id="c"/>' +
    '<bpmn:sequenceFlow id="start-to-work" sourceRef="start" targetRef="work"/>' +
    '<bpmn:sequenceFlow id="to-a" sourceRef="work" targetRef="a"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>' +
    '<bpmn:sequenceFlow id="to-b" sourceRef="work" targetRef="b"/>' +
    '<bpmn:sequenceFlow id="to-c" sourceRef="work" targetRef="c"/>';

  it('compiles: the condition on the flow, the default flow on the activity', async () => {
    const process = onlyProcess(await compileBpmn(zeebeProcess(body)));
    expect(process.flows['to-a']?.condition).toBe('x > 1');
    expect(process.elements['work']?.defaultFlowId).toBe('to-c');
  });

  it('are still refused out of an event', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:endEvent id="a"/>' +
        '<bpmn:sequenceFlow id="to-a" sourceRef="start" targetRef="a"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>',
    );
    expect(problemsOf(await compileBpmn(xml))).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'to-a' }),
    ]);
  });
});

describe('a diagram interchange that refers to elements the process lacks', () => {
  const DI_NAMESPACES =
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ';
  const diagram =
    '<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="gone-process">' +
    '<bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="10" y="10" width="36" height="36"/></bpmndi:BPMNShape>' +
    '<bpmndi:BPMNShape id="ghost_di" bpmnElement="ghost"><dc:Bounds x="100" y="10" width="100" height="80"/></bpmndi:BPMNShape>' +
    '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>';

  it('deploys, with a warning per dangling diagram element', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>',
    )
      .replace('<bpmn:definitions ', `<bpmn:definitions ${DI_NAMESPACES}`)
      .replace('</bpmn:definitions>', `${diagram}</bpmn:definitions>`);
    const result = await compileBpmn(xml);
    expect(Object.keys(onlyProcess(result).elements).sort()).toEqual(['end', 'start']);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'DIAGRAM_INTERCHANGE', elementId: 'BPMNPlane_1' }),
      expect.objectContaining({ code: 'DIAGRAM_INTERCHANGE', elementId: 'ghost_di' }),
    ]);
    expect(result.warnings[1]?.message).toContain("'ghost'");
  });

  it('leaves a dangling reference of the process itself a problem', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="nowhere"/>',
    );
    expect(problemsOf(await compileBpmn(xml))).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FLOW_TARGET', elementId: 'f' }),
    ]);
  });
});
