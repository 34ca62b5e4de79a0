// BPMN documents for the REST gateway tests, built per test with unique process ids and job types.

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions" targetNamespace="http://bpmn.io/schema/bpmn">`;

function serviceTask(id: string, type: string): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;
}

function flow(id: string, source: string, target: string, condition?: string): string {
  const body =
    condition === undefined ? '' : `<bpmn:conditionExpression>${condition}</bpmn:conditionExpression>`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${body}</bpmn:sequenceFlow>`;
}

/**
 * start → fork (inclusive) → a [=amount > 10] | b [=vip] | c (default) → join (inclusive) → after → end;
 * every task has the job type `<prefix>-<task id>`.
 */
export function inclusiveGatewayBpmn(processId: string, prefix: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:inclusiveGateway id="fork" default="to-c" />
    ${serviceTask('a', `${prefix}-a`)}
    ${serviceTask('b', `${prefix}-b`)}
    ${serviceTask('c', `${prefix}-c`)}
    <bpmn:inclusiveGateway id="join" />
    ${serviceTask('after', `${prefix}-after`)}
    <bpmn:endEvent id="end" />
    ${flow('to-fork', 'start', 'fork')}
    ${flow('to-a', 'fork', 'a', '=amount &gt; 10')}
    ${flow('to-b', 'fork', 'b', '=vip')}
    ${flow('to-c', 'fork', 'c')}
    ${flow('a-join', 'a', 'join')}
    ${flow('b-join', 'b', 'join')}
    ${flow('c-join', 'c', 'join')}
    ${flow('to-after', 'join', 'after')}
    ${flow('to-end', 'after', 'end')}
  </bpmn:process>
</bpmn:definitions>
`;
}

/** start → work → throw link "next" … catch link "next" → review → end; job types `<prefix>-work|review`. */
export function linkEventsBpmn(processId: string, prefix: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${serviceTask('work', `${prefix}-work`)}
    <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition id="jump-link" name="next" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition id="land-link" name="next" /></bpmn:intermediateCatchEvent>
    ${serviceTask('review', `${prefix}-review`)}
    <bpmn:endEvent id="end" />
    ${flow('to-work', 'start', 'work')}
    ${flow('to-jump', 'work', 'jump')}
    ${flow('to-review', 'land', 'review')}
    ${flow('to-end', 'review', 'end')}
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * start → split (parallel) → outer → merge, and → sub [sub-start → sub-fork → inner → sub-end,
 * and → kill (terminate end)] → merge; merge → end. Job types `<prefix>-outer|inner`.
 */
export function terminateInSubprocessBpmn(processId: string, prefix: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="split" />
    ${serviceTask('outer', `${prefix}-outer`)}
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="sub-start" />
      <bpmn:parallelGateway id="sub-fork" />
      ${serviceTask('inner', `${prefix}-inner`)}
      <bpmn:endEvent id="sub-end" />
      <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition id="kill-def" /></bpmn:endEvent>
      ${flow('to-sub-fork', 'sub-start', 'sub-fork')}
      ${flow('to-inner', 'sub-fork', 'inner')}
      ${flow('to-kill', 'sub-fork', 'kill')}
      ${flow('to-sub-end', 'inner', 'sub-end')}
    </bpmn:subProcess>
    <bpmn:parallelGateway id="merge" />
    <bpmn:endEvent id="end" />
    ${flow('to-split', 'start', 'split')}
    ${flow('to-outer', 'split', 'outer')}
    ${flow('to-sub', 'split', 'sub')}
    ${flow('outer-merge', 'outer', 'merge')}
    ${flow('sub-merge', 'sub', 'merge')}
    ${flow('to-end', 'merge', 'end')}
  </bpmn:process>
</bpmn:definitions>
`;
}
