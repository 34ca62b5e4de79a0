// BPMN documents for the boundary event and BPMN error scenarios of the REST tests, built per test
// with unique process ids, job types and message names so tests sharing one engine never meet.

const DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://bpmn.io/schema/bpmn"';

function document(processId: string, body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${DEFINITIONS} id="Definitions_${processId}">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
${roots}
</bpmn:definitions>
`;
}

function serviceTask(id: string, type: string): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;
}

function flow(source: string, target: string): string {
  return `<bpmn:sequenceFlow id="${source}-to-${target}" sourceRef="${source}" targetRef="${target}" />`;
}

function message(id: string, name: string): string {
  return `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`;
}

export interface BoundaryTaskNames {
  readonly workType: string;
  readonly notifyType: string;
  readonly cancelMessage: string;
  readonly remindMessage: string;
}

/**
 * start → service task `work` → `end`, with four boundary events on `work`: interrupting message
 * `canceled` (output `cancelReason = reason`) → `canceled-end`; non-interrupting message `remind`
 * → service task `notify` → `notified-end`; error `rejected` (code `REJECTED`, output
 * `rejectedBecause = errorMessage`) → `rejected-end`; catch-all error `any-error` → `any-error-end`.
 * Messages correlate on `=orderId`.
 */
export function boundaryTaskBpmn(processId: string, names: BoundaryTaskNames): string {
  return document(
    processId,
    `<bpmn:startEvent id="start" />
    ${serviceTask('work', names.workType)}
    <bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="canceled" attachedToRef="work">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=reason" target="cancelReason" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:messageEventDefinition id="canceled-definition" messageRef="cancel-message" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="canceled-end" />
    <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="work">
      <bpmn:messageEventDefinition id="remind-definition" messageRef="remind-message" />
    </bpmn:boundaryEvent>
    ${serviceTask('notify', names.notifyType)}
    <bpmn:endEvent id="notified-end" />
    <bpmn:boundaryEvent id="rejected" attachedToRef="work">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=errorMessage" target="rejectedBecause" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:errorEventDefinition id="rejected-definition" errorRef="rejected-error" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="rejected-end" />
    <bpmn:boundaryEvent id="any-error" attachedToRef="work">
      <bpmn:errorEventDefinition id="any-error-definition" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="any-error-end" />
    ${flow('start', 'work')}
    ${flow('work', 'end')}
    ${flow('canceled', 'canceled-end')}
    ${flow('remind', 'notify')}
    ${flow('notify', 'notified-end')}
    ${flow('rejected', 'rejected-end')}
    ${flow('any-error', 'any-error-end')}`,
    `${message('cancel-message', names.cancelMessage)}
  ${message('remind-message', names.remindMessage)}
  <bpmn:error id="rejected-error" name="Rejected" errorCode="REJECTED" />`,
  );
}

/**
 * start → subprocess `outer` [ start → subprocess `inner` [ start → gateway `route`
 * (`=route = "fail"` → error end event `inner-fail` throwing `INNER_FAILED`; default → service
 * task `inner-work`) ] → end ] → `end`. On `inner`: error boundary `inner-caught` (`INNER_FAILED`)
 * → `inner-caught-end` in `outer`. On `outer`: error boundary `outer-caught` (`DEEP_FAILURE`) →
 * service task `handle` → `handled-end`.
 */
export function nestedErrorBpmn(processId: string, names: { workType: string; handleType: string }): string {
  return document(
    processId,
    `<bpmn:startEvent id="start" />
    <bpmn:subProcess id="outer">
      <bpmn:startEvent id="outer-start" />
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="inner-start" />
        <bpmn:exclusiveGateway id="route" default="route-to-inner-work" />
        <bpmn:endEvent id="inner-fail"><bpmn:errorEventDefinition id="inner-fail-definition" errorRef="inner-failed" /></bpmn:endEvent>
        ${serviceTask('inner-work', names.workType)}
        <bpmn:endEvent id="inner-end" />
        ${flow('inner-start', 'route')}
        <bpmn:sequenceFlow id="route-to-inner-fail" sourceRef="route" targetRef="inner-fail"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=route = "fail"</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="route-to-inner-work" sourceRef="route" targetRef="inner-work" />
        ${flow('inner-work', 'inner-end')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="inner-caught" attachedToRef="inner">
        <bpmn:errorEventDefinition id="inner-caught-definition" errorRef="inner-failed" />
      </bpmn:boundaryEvent>
      <bpmn:endEvent id="inner-caught-end" />
      <bpmn:endEvent id="outer-end" />
      ${flow('outer-start', 'inner')}
      ${flow('inner', 'outer-end')}
      ${flow('inner-caught', 'inner-caught-end')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="outer-caught" attachedToRef="outer">
      <bpmn:errorEventDefinition id="outer-caught-definition" errorRef="deep-failure" />
    </bpmn:boundaryEvent>
    ${serviceTask('handle', names.handleType)}
    <bpmn:endEvent id="handled-end" />
    <bpmn:endEvent id="end" />
    ${flow('start', 'outer')}
    ${flow('outer', 'end')}
    ${flow('outer-caught', 'handle')}
    ${flow('handle', 'handled-end')}`,
    `<bpmn:error id="inner-failed" name="Inner failed" errorCode="INNER_FAILED" />
  <bpmn:error id="deep-failure" name="Deep failure" errorCode="DEEP_FAILURE" />`,
  );
}

/**
 * start → service task `work` → `end`, and an error event subprocess `on-failure` whose error
 * start event catches `PAYMENT_FAILED` → service task `compensate` → `on-failure-end`.
 */
export function errorEventSubprocessBpmn(
  processId: string,
  names: { workType: string; compensateType: string },
): string {
  return document(
    processId,
    `<bpmn:startEvent id="start" />
    ${serviceTask('work', names.workType)}
    <bpmn:endEvent id="end" />
    ${flow('start', 'work')}
    ${flow('work', 'end')}
    <bpmn:subProcess id="on-failure" triggeredByEvent="true">
      <bpmn:startEvent id="on-failure-start"><bpmn:errorEventDefinition id="on-failure-definition" errorRef="payment-failed" /></bpmn:startEvent>
      ${serviceTask('compensate', names.compensateType)}
      <bpmn:endEvent id="on-failure-end" />
      ${flow('on-failure-start', 'compensate')}
      ${flow('compensate', 'on-failure-end')}
    </bpmn:subProcess>`,
    '<bpmn:error id="payment-failed" name="Payment failed" errorCode="PAYMENT_FAILED" />',
  );
}
