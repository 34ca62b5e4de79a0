import { BpmnCompilePool } from './bpmn-compile-pool';

/** A process forking into `branches` tasks joined again. */
function fanOut(branches: number): string {
  const parts = Array.from(
    { length: branches },
    (_, index) =>
      `<bpmn:task id="t${index}"/><bpmn:sequenceFlow id="f${index}" sourceRef="split" targetRef="t${index}"/><bpmn:sequenceFlow id="g${index}" sourceRef="t${index}" targetRef="join"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
<bpmn:process id="fan" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="s0" sourceRef="s" targetRef="split"/>
<bpmn:parallelGateway id="split"/><bpmn:parallelGateway id="join"/>${parts.join('')}
<bpmn:sequenceFlow id="j0" sourceRef="join" targetRef="end"/><bpmn:endEvent id="end"/>
</bpmn:process></bpmn:definitions>`;
}

describe('BpmnCompilePool', () => {
  const pool = new BpmnCompilePool({ maxFlowsPerElement: 3 });
  afterAll(() => pool.close());

  it('answers a model within the model limits, frozen', async () => {
    const result = await pool.compile(fanOut(3), 'fan.bpmn');
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.isFrozen(result.processes[0]?.elements)).toBe(true);
  });

  it('answers a model past the model limits with their problems in its place', async () => {
    const result = await pool.compile(fanOut(4), 'fan.bpmn');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { code: 'TOO_MANY_FLOWS', elementId: 'split' },
        { code: 'TOO_MANY_FLOWS', elementId: 'join' },
      ],
    });
  });
});
