// BPMN documents for the REST scenarios of events: event-based gateways, message start events,
// message and timer event subprocesses, errors thrown in called children. Built per test with
// unique ids and names, so that tests sharing one engine never see each other's messages.
const header = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn">`;

const message = (id: string, name: string, correlationKey?: string) =>
  `<bpmn:message id="${id}" name="${name}">${
    correlationKey === undefined
      ? ''
      : `<bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements>`
  }</bpmn:message>`;

/**
 * start → event-based gateway → message `payment` (→ paid) | receive task `cancellation`
 * (→ cancelled) | timer `timeout` of `timeout` (→ timed-out). Both messages correlate by `=orderId`.
 */
export function eventGatewayBpmn(
  processId: string,
  names: { payment: string; cancellation: string },
  timeout: string,
): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:eventBasedGateway id="gateway" />
    <bpmn:intermediateCatchEvent id="payment"><bpmn:messageEventDefinition messageRef="m-payment" /></bpmn:intermediateCatchEvent>
    <bpmn:receiveTask id="cancellation" messageRef="m-cancel" />
    <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>${timeout}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="paid" /><bpmn:endEvent id="cancelled" /><bpmn:endEvent id="timed-out" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gateway" />
    <bpmn:sequenceFlow id="f1" sourceRef="gateway" targetRef="payment" />
    <bpmn:sequenceFlow id="f2" sourceRef="gateway" targetRef="cancellation" />
    <bpmn:sequenceFlow id="f3" sourceRef="gateway" targetRef="timeout" />
    <bpmn:sequenceFlow id="f4" sourceRef="payment" targetRef="paid" />
    <bpmn:sequenceFlow id="f5" sourceRef="cancellation" targetRef="cancelled" />
    <bpmn:sequenceFlow id="f6" sourceRef="timeout" targetRef="timed-out" />
  </bpmn:process>
  ${message('m-payment', names.payment, '=orderId')}
  ${message('m-cancel', names.cancellation, '=orderId')}
</bpmn:definitions>`;
}

/** An event-based gateway with one flow, to a service task, with a condition: refused at deploy. */
export function brokenEventGatewayBpmn(processId: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:eventBasedGateway id="gateway" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="x" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gateway" />
    <bpmn:sequenceFlow id="conditional" sourceRef="gateway" targetRef="work"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * A none start and a message start `order-placed` (message `messageName`), both to the user task
 * `review`, then end. `variant` changes the task's name, so that a re-deployment is a new version.
 */
export function messageStartBpmn(processId: string, messageName: string, variant = 'v1'): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:startEvent id="order-placed"><bpmn:messageEventDefinition messageRef="m-order" /></bpmn:startEvent>
    <bpmn:userTask id="review" name="Review ${variant}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f1" sourceRef="order-placed" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
  ${message('m-order', messageName)}
</bpmn:definitions>`;
}

/** The same process id with only a none start: a new version without the message start. */
export function noneStartOnlyBpmn(processId: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * start → user task `work` → end, with event subprocesses: `on-update` (non-interrupting, message
 * `names.update` by `=orderId`, runs the user task `apply-update`), `on-cancel` (interrupting,
 * message `names.cancel`), `on-reminder` (non-interrupting timer cycle `reminderCycle`, runs the
 * user task `remind`).
 */
export function eventSubprocessBpmn(
  processId: string,
  names: { update: string; cancel: string },
  reminderCycle: string,
): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="work"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
    <bpmn:subProcess id="on-update" triggeredByEvent="true">
      <bpmn:startEvent id="update-start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m-update" /></bpmn:startEvent>
      <bpmn:userTask id="apply-update"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="update-end" />
      <bpmn:sequenceFlow id="u0" sourceRef="update-start" targetRef="apply-update" />
      <bpmn:sequenceFlow id="u1" sourceRef="apply-update" targetRef="update-end" />
    </bpmn:subProcess>
    <bpmn:subProcess id="on-cancel" triggeredByEvent="true">
      <bpmn:startEvent id="cancel-start"><bpmn:messageEventDefinition messageRef="m-cancel" /></bpmn:startEvent>
      <bpmn:endEvent id="cancel-end" />
      <bpmn:sequenceFlow id="c0" sourceRef="cancel-start" targetRef="cancel-end" />
    </bpmn:subProcess>
    <bpmn:subProcess id="on-reminder" triggeredByEvent="true">
      <bpmn:startEvent id="reminder-start" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle>${reminderCycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:userTask id="remind"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="reminder-end" />
      <bpmn:sequenceFlow id="r0" sourceRef="reminder-start" targetRef="remind" />
      <bpmn:sequenceFlow id="r1" sourceRef="remind" targetRef="reminder-end" />
    </bpmn:subProcess>
  </bpmn:process>
  ${message('m-update', names.update, '=orderId')}
  ${message('m-cancel', names.cancel, '=orderId')}
</bpmn:definitions>`;
}

/** start → call activity of `childId` (error boundary `caught` for `errorCode` when `withBoundary`, → handled) → end. */
export function callingParentBpmn(
  processId: string,
  childId: string,
  errorCode: string,
  withBoundary: boolean,
): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    ${
      withBoundary
        ? `<bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="handled" /><bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="handled" />`
        : ''
    }
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
  <bpmn:error id="e" errorCode="${errorCode}" />
</bpmn:definitions>`;
}

/** start → service task of `jobType` → end: the worker throws the error. */
export function childWithJobBpmn(processId: string, jobType: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * start → subprocess `handle` (throws escalation LATE, then the job `workType`) with a
 * non-interrupting escalation boundary event `on-late` (→ job `informType`) → end.
 */
export function escalationBpmn(processId: string, workType: string, informType: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="handle">
      <bpmn:startEvent id="handle-start" />
      <bpmn:intermediateThrowEvent id="late"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:intermediateThrowEvent>
      <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${workType}" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:endEvent id="handle-end" />
      <bpmn:sequenceFlow id="h0" sourceRef="handle-start" targetRef="late" />
      <bpmn:sequenceFlow id="h1" sourceRef="late" targetRef="work" />
      <bpmn:sequenceFlow id="h2" sourceRef="work" targetRef="handle-end" />
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="on-late" attachedToRef="handle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:boundaryEvent>
    <bpmn:serviceTask id="inform"><bpmn:extensionElements><zeebe:taskDefinition type="${informType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="informed" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="handle" />
    <bpmn:sequenceFlow id="f1" sourceRef="handle" targetRef="end" />
    <bpmn:sequenceFlow id="f2" sourceRef="on-late" targetRef="inform" />
    <bpmn:sequenceFlow id="f3" sourceRef="inform" targetRef="informed" />
  </bpmn:process>
  <bpmn:escalation id="late-escalation" escalationCode="LATE" />
</bpmn:definitions>`;
}

/** start → call activity of `childId` with an interrupting escalation boundary event `on-late` (LATE → escalated) → end. */
export function escalationParentBpmn(processId: string, childId: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:boundaryEvent id="on-late" attachedToRef="call"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="on-late" targetRef="escalated" />
  </bpmn:process>
  <bpmn:escalation id="late-escalation" escalationCode="LATE" />
</bpmn:definitions>`;
}

/** start → intermediate throw escalation LATE → job `jobType` → end. */
export function escalatingChildBpmn(processId: string, jobType: string): string {
  return `${header(processId)}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateThrowEvent id="late"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:intermediateThrowEvent>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="late" />
    <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="work" />
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
  </bpmn:process>
  <bpmn:escalation id="late-escalation" escalationCode="LATE" />
</bpmn:definitions>`;
}
