// Deployment of expressions out of the FEEL limits (issues 18, 19): each refused as FEEL_LIMIT with
// its element id, beside the model's other problems, instead of exhausting the parser's memory.
import { compileBpmn } from './compile';
import { camunda7Process, onlyProcess, problemsOf, zeebeProcess } from './test-support';

function gatewayWithCondition(condition: string): string {
  return zeebeProcess(
    '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw" default="other"/>' +
      '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>' +
      '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>' +
      `<bpmn:sequenceFlow id="guarded" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>` +
      '<bpmn:sequenceFlow id="other" sourceRef="gw" targetRef="b"/>',
  );
}

describe('FEEL limits at deploy', () => {
  it('refuses the 20,000-term condition of issue 19 with the flow id, without parsing it', async () => {
    const condition = `=${Array.from({ length: 20_000 }, () => 'x &gt; 0').join(' and ')}`;
    const result = await compileBpmn(gatewayWithCondition(condition));
    expect(problemsOf(result)).toEqual([
      {
        code: 'FEEL_LIMIT',
        elementId: 'guarded',
        message: expect.stringContaining('199995 characters long, more than the limit of 10000'),
      },
    ]);
  });

  it('refuses the constant runaway condition of issue 18, certain to exceed the list size', async () => {
    const result = await compileBpmn(gatewayWithCondition('=count(for i in 1..10000000 return i) &gt; 1'));
    expect(problemsOf(result)).toEqual([
      expect.objectContaining({ code: 'FEEL_LIMIT', elementId: 'guarded' }),
    ]);
  });

  it('deploys the same loop when a variable drives it: the budget stops it at run time', async () => {
    const result = await compileBpmn(gatewayWithCondition('=count(for i in 1..n return i) &gt; 1'));
    expect(onlyProcess(result).flows['guarded']?.condition).toBe('count(for i in 1..n return i) > 1');
  });

  it('bounds a Camunda 7 condition after its translation to FEEL', async () => {
    const juel = `\${${Array.from({ length: 3000 }, () => 'a').join(' &amp;&amp; ')}}`;
    const xml = camunda7Process(
      '<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw" default="other"/>' +
        '<bpmn:endEvent id="a"/><bpmn:endEvent id="b"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>' +
        `<bpmn:sequenceFlow id="guarded" sourceRef="gw" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${juel}</bpmn:conditionExpression></bpmn:sequenceFlow>` +
        '<bpmn:sequenceFlow id="other" sourceRef="gw" targetRef="b"/>',
    );
    expect(problemsOf(await compileBpmn(xml))).toEqual([
      expect.objectContaining({ code: 'FEEL_LIMIT', elementId: 'guarded' }),
    ]);
  });
});
