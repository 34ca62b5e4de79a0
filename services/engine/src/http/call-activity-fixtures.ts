// BPMN documents for the REST call activity tests, built per test with unique ids and job types.

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions" targetNamespace="http://bpmn.io/schema/bpmn">`;

/** start → call activity `call` (zeebe:calledElement `childId`, all child variables back) → end. */
export function parentBpmn(processId: string, childId: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call" name="Run the child">
      <bpmn:extensionElements>
        <zeebe:calledElement processId="${childId}" propagateAllChildVariables="true" />
      </bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="to-call" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="to-end" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** start → service task `work` (type `jobType`) → end. */
export function childBpmn(processId: string, jobType: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="to-work" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="to-end" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}
