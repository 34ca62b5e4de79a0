// Test-only: terse BPMN XML for the coverage scenarios. Each scenario is real XML compiled by the
// real compiler, so a row of the coverage table covers parsing as well as execution.

/** A `bpmn:definitions` document holding one executable process, plus top-level extras (messages, errors). */
export function definitionsXml(processId: string, body: string, topLevel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="coverage-${processId}" targetNamespace="https://baton.dev/coverage">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
${topLevel}
</bpmn:definitions>`;
}

/** Sequence flows from `[source, target, condition?]` triples, with ids `source-to-target`. */
export function flowsXml(flows: readonly (readonly [string, string, string?])[]): string {
  return flows
    .map(([source, target, condition]) => {
      const id = `${source}-to-${target}`;
      if (condition === undefined)
        return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
      return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
    })
    .join('\n');
}

/** A service task with a job type. */
export function serviceTaskXml(id: string, jobType = id, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

/** A message with a FEEL correlation key. */
export function messageXml(id: string, name: string, correlationKey: string): string {
  return `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements></bpmn:message>`;
}
