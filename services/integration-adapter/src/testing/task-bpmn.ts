// A process of one service task of the given job type and task headers, for the end-to-end tests:
// modelled as in Camunda Modeler (zeebe:taskDefinition, zeebe:taskHeaders).

/** A receive task `reply` after the call, waiting for this message (correlation key: FEEL). */
export interface ReplyWait {
  readonly messageName: string;
  readonly correlationKey: string;
}

/** start → service task `call` (job type, headers) → [receive task `reply`] → end. */
export function serviceTaskProcess(
  processId: string,
  jobType: string,
  taskHeaders: Readonly<Record<string, string>>,
  options: { retries?: number; thenReceive?: ReplyWait } = {},
): string {
  const reply = options.thenReceive;
  const headers = Object.entries(taskHeaders)
    .map(([key, value]) => `<zeebe:header key="${xmlAttribute(key)}" value="${xmlAttribute(value)}" />`)
    .join('\n          ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toCall</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="call" name="Call out">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${jobType}" retries="${options.retries ?? 3}" />
        <zeebe:taskHeaders>
          ${headers}
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>toCall</bpmn:incoming><bpmn:outgoing>${reply ? 'toReply' : 'toEnd'}</bpmn:outgoing>
    </bpmn:serviceTask>${
      reply
        ? `
    <bpmn:receiveTask id="reply" messageRef="replyMessage">
      <bpmn:incoming>toReply</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
    </bpmn:receiveTask>
    <bpmn:sequenceFlow id="toReply" sourceRef="call" targetRef="reply" />`
        : ''
    }
    <bpmn:endEvent id="end"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toCall" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="${reply ? 'reply' : 'call'}" targetRef="end" />
  </bpmn:process>${
    reply
      ? `
  <bpmn:message id="replyMessage" name="${xmlAttribute(reply.messageName)}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="${xmlAttribute(reply.correlationKey)}" /></bpmn:extensionElements>
  </bpmn:message>`
      : ''
  }
</bpmn:definitions>
`;
}

function xmlAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
