// One test per deployment validation rule: the problem code and the element it names.
import { compileBpmn } from './compile';
import { camunda7Process, problemsOf, zeebeProcess } from './test-support';

const START_TO_END =
  '<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>';

async function problems(xml: string) {
  return problemsOf(await compileBpmn(xml, { resourceName: 'test.bpmn' }));
}

describe('compileBpmn validation', () => {
  it('reports text that is not XML as NOT_BPMN with the parser message', async () => {
    const [problem, ...rest] = await problems('this is not xml');
    expect(rest).toEqual([]);
    expect(problem?.code).toBe('NOT_BPMN');
    expect(problem?.message).toMatch(/test\.bpmn.*unparsable content/);
  });

  it('reports XML that is not BPMN as NOT_BPMN', async () => {
    const found = await problems('<?xml version="1.0"?><order><id>1</id></order>');
    expect(found.map((problem) => problem.code)).toEqual(['NOT_BPMN']);
  });

  it('reports a file whose processes are all non-executable as NO_EXECUTABLE_PROCESS', async () => {
    const found = await problems(zeebeProcess(START_TO_END, 'isExecutable="false"'));
    expect(found).toEqual([expect.objectContaining({ code: 'NO_EXECUTABLE_PROCESS', elementId: 'p' })]);
  });

  it('reports definitions without any process as NO_EXECUTABLE_PROCESS', async () => {
    const xml =
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"></bpmn:definitions>';
    expect((await problems(xml)).map((problem) => problem.code)).toEqual(['NO_EXECUTABLE_PROCESS']);
  });

  it('reports a process without a none start event as NO_START_EVENT', async () => {
    const found = await problems(zeebeProcess('<bpmn:endEvent id="end"/>'));
    expect(found).toEqual([expect.objectContaining({ code: 'NO_START_EVENT', elementId: 'p' })]);
  });

  it('reports a flow to an unknown element as UNKNOWN_FLOW_TARGET', async () => {
    const found = await problems(
      zeebeProcess(
        '<bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ghost"/>',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'UNKNOWN_FLOW_TARGET', elementId: 'f1' })]);
    expect(found[0]?.message).toContain('ghost');
  });

  it('reports a flow from an unknown element as UNKNOWN_FLOW_SOURCE', async () => {
    const found = await problems(
      zeebeProcess(`${START_TO_END}<bpmn:sequenceFlow id="f2" sourceRef="ghost" targetRef="end"/>`),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'UNKNOWN_FLOW_SOURCE', elementId: 'f2' })]);
  });

  it('reports a flow that crosses a subprocess boundary', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/></bpmn:subProcess>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub-start"/>';
    const found = await problems(zeebeProcess(body));
    expect(found).toEqual([expect.objectContaining({ code: 'UNKNOWN_FLOW_TARGET', elementId: 'f1' })]);
  });

  it.each(['serviceTask', 'sendTask', 'businessRuleTask'])(
    'reports a %s without a job type as MISSING_JOB_TYPE',
    async (type) => {
      const found = await problems(zeebeProcess(`<bpmn:startEvent id="start"/><bpmn:${type} id="t1"/>`));
      expect(found).toEqual([expect.objectContaining({ code: 'MISSING_JOB_TYPE', elementId: 't1' })]);
    },
  );

  it('reports a non-default gateway flow without a condition as MISSING_CONDITION', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw" default="f-default"/>' +
      '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/><bpmn:endEvent id="c"/>' +
      '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>' +
      '<bpmn:sequenceFlow id="f-cond" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      '<bpmn:sequenceFlow id="f-bare" sourceRef="gw" targetRef="b"/>' +
      '<bpmn:sequenceFlow id="f-default" sourceRef="gw" targetRef="c"/>';
    const found = await problems(zeebeProcess(body));
    expect(found).toEqual([expect.objectContaining({ code: 'MISSING_CONDITION', elementId: 'f-bare' })]);
    expect(found[0]?.message).toContain("'gw'");
  });

  it('accepts a gateway with a single unconditional outgoing flow', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw"/><bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/><bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="end"/>';
    expect((await compileBpmn(zeebeProcess(body))).ok).toBe(true);
  });

  it('reports an unsupported element type by name as UNSUPPORTED_ELEMENT', async () => {
    const found = await problems(zeebeProcess('<bpmn:startEvent id="start"/><bpmn:complexGateway id="cg"/>'));
    expect(found).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'cg' })]);
    expect(found[0]?.message).toContain('bpmn:ComplexGateway is not supported');
  });

  it.each([
    ['boundary event', '<bpmn:boundaryEvent id="x" attachedToRef="start"/>', 'bpmn:BoundaryEvent'],
    ['intermediate catch event', '<bpmn:intermediateCatchEvent id="x"/>', 'bpmn:IntermediateCatchEvent'],
    [
      'standard loop task',
      '<bpmn:task id="x"><bpmn:standardLoopCharacteristics/></bpmn:task>',
      'bpmn:StandardLoopCharacteristics',
    ],
    [
      'conditional boundary event',
      '<bpmn:boundaryEvent id="x" attachedToRef="start"><bpmn:conditionalEventDefinition/></bpmn:boundaryEvent>',
      'bpmn:ConditionalEventDefinition',
    ],
  ])('reports a %s as UNSUPPORTED_ELEMENT', async (_label, element, named) => {
    const found = await problems(zeebeProcess(`<bpmn:startEvent id="start"/>${element}`));
    expect(found).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'x' })]);
    expect(found[0]?.message).toContain(named);
  });

  it.each([
    [
      'condition',
      '<bpmn:sequenceFlow id="e" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>=x &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>',
    ],
    [
      'input mapping',
      '<bpmn:task id="e"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=a +" target="b"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:task>',
    ],
    [
      'output mapping',
      '<bpmn:task id="e"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=(" target="b"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:task>',
    ],
    [
      'job type',
      '<bpmn:serviceTask id="e"><bpmn:extensionElements><zeebe:taskDefinition type="=if" /></bpmn:extensionElements></bpmn:serviceTask>',
    ],
    [
      'job retries',
      '<bpmn:serviceTask id="e"><bpmn:extensionElements><zeebe:taskDefinition type="t" retries="=1 +"/></bpmn:extensionElements></bpmn:serviceTask>',
    ],
    [
      'script',
      '<bpmn:scriptTask id="e"><bpmn:extensionElements><zeebe:script expression="=a *" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>',
    ],
  ])('reports a FEEL syntax error in a %s as FEEL_SYNTAX', async (_label, element) => {
    const gateway =
      '<bpmn:exclusiveGateway id="gw"/><bpmn:endEvent id="a"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>';
    const found = await problems(zeebeProcess(`<bpmn:startEvent id="start"/>${gateway}${element}`));
    expect(found).toEqual([expect.objectContaining({ code: 'FEEL_SYNTAX', elementId: 'e' })]);
  });

  it('reports an embedded subprocess without a start event', async () => {
    const found = await problems(
      zeebeProcess(
        '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:task id="inner"/></bpmn:subProcess>',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'INVALID_SUBPROCESS_START', elementId: 'sub' })]);
  });

  it('reports a default flow that does not leave its gateway', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw" default="f0"/><bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/><bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="end"/>';
    expect(await problems(zeebeProcess(body))).toEqual([
      expect.objectContaining({ code: 'INVALID_DEFAULT_FLOW', elementId: 'gw' }),
    ]);
  });

  it('turns moddle import warnings into problems (duplicate id, unknown BPMN element)', async () => {
    const found = await problems(
      zeebeProcess(`${START_TO_END}<bpmn:task id="start"/><bpmn:frobnicator id="z"/>`),
    );
    expect(found.map((problem) => problem.code).sort()).toEqual(['DUPLICATE_ID', 'INVALID_XML_CONTENT']);
    expect(found.find((problem) => problem.code === 'DUPLICATE_ID')?.elementId).toBe('start');
  });

  it('reports an unresolved reference that is not a flow end as UNRESOLVED_REFERENCE', async () => {
    const body = `${START_TO_END}<bpmn:exclusiveGateway id="gw" default="nowhere"/>`;
    expect(await problems(zeebeProcess(body))).toEqual([
      expect.objectContaining({ code: 'UNRESOLVED_REFERENCE', elementId: 'gw' }),
    ]);
  });

  it('reports every problem of a file, not just the first', async () => {
    const body =
      '<bpmn:serviceTask id="no-type"/><bpmn:complexGateway id="complex"/>' +
      '<bpmn:exclusiveGateway id="gw"/><bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>' +
      '<bpmn:sequenceFlow id="to-a" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>=x ==</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      '<bpmn:sequenceFlow id="to-b" sourceRef="gw" targetRef="b"/>' +
      '<bpmn:sequenceFlow id="to-ghost" sourceRef="gw" targetRef="ghost"/>';
    const found = await problems(zeebeProcess(body));
    expect(found.map((problem) => `${problem.code}@${problem.elementId ?? ''}`).sort()).toEqual([
      'FEEL_SYNTAX@to-a',
      'MISSING_CONDITION@to-b',
      'MISSING_JOB_TYPE@no-type',
      'NO_START_EVENT@p',
      'UNKNOWN_FLOW_TARGET@to-ghost',
      'UNSUPPORTED_ELEMENT@complex',
    ]);
    for (const problem of found) expect(problem.message.length).toBeGreaterThan(10);
  });

  describe('Camunda 7 files', () => {
    it('reports a Java class service task as MISSING_JOB_TYPE with the reason', async () => {
      const found = await problems(
        camunda7Process(
          '<bpmn:startEvent id="start"/><bpmn:serviceTask id="java" camunda:class="com.acme.Delegate"/>',
        ),
      );
      expect(found).toEqual([expect.objectContaining({ code: 'MISSING_JOB_TYPE', elementId: 'java' })]);
      expect(found[0]?.message).toContain('camunda:class is not supported; use camunda:type="external"');
    });

    it('reports an untranslatable condition as UNSUPPORTED_EXPRESSION on the flow', async () => {
      const body =
        '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw"/><bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>' +
        '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>' +
        '<bpmn:sequenceFlow id="fa" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>${execution.getVariable("x")}</bpmn:conditionExpression></bpmn:sequenceFlow>' +
        '<bpmn:sequenceFlow id="fb" sourceRef="gw" targetRef="b"><bpmn:conditionExpression>${!x}</bpmn:conditionExpression></bpmn:sequenceFlow>';
      expect(await problems(camunda7Process(body))).toEqual([
        expect.objectContaining({ code: 'UNSUPPORTED_EXPRESSION', elementId: 'fa' }),
      ]);
    });
  });
});
