// Small BPMN documents for the REST API tests, built per test with unique process ids and job
// types so that tests sharing one engine never see each other's jobs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file of the repository's `examples/` folder. */
export function exampleBpmn(fileName: string): string {
  return readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'examples', fileName), 'utf8');
}

/** start → one service task of `jobType` (with a custom header) → end. */
export function serviceTaskBpmn(
  processId: string,
  jobType: string,
  options: { name?: string; retries?: number } = {},
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="${options.name ?? 'Service task process'}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Do the work">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${jobType}" retries="${options.retries ?? 3}" />
        <zeebe:taskHeaders><zeebe:header key="channel" value="rest" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>toWork</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** A service task whose job type is missing and a flow to an element that does not exist. */
export function brokenBpmn(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="untyped"><bpmn:incoming>toWork</bpmn:incoming><bpmn:outgoing>toNowhere</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="untyped" />
    <bpmn:sequenceFlow id="toNowhere" sourceRef="untyped" targetRef="nowhere" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * start → a message catch element (an intermediate catch event `wait`, or a receive task `wait`)
 * waiting for `messageName` with correlation key `=orderId` → end.
 */
export function messageCatchBpmn(
  processId: string,
  messageName: string,
  element: 'intermediateCatchEvent' | 'receiveTask' = 'intermediateCatchEvent',
): string {
  const waiting =
    element === 'receiveTask'
      ? `<bpmn:receiveTask id="wait" name="Wait for ${messageName}" messageRef="message">
      <bpmn:incoming>toWait</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
    </bpmn:receiveTask>`
      : `<bpmn:intermediateCatchEvent id="wait" name="Wait for ${messageName}">
      <bpmn:incoming>toWait</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
      <bpmn:messageEventDefinition id="waitDefinition" messageRef="message" />
    </bpmn:intermediateCatchEvent>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWait</bpmn:outgoing></bpmn:startEvent>
    ${waiting}
    <bpmn:endEvent id="end"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmn:message id="message" name="${messageName}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>
`;
}

/** `<bpmn:timeDuration>` (or timeDate, timeCycle) with a value, for the timer fixtures below. */
export function timerValue(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}>`;
}

/** start → an intermediate timer catch event `wait` with `timer` (see timerValue) → end. */
export function timerCatchBpmn(processId: string, timer: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWait</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait" name="Wait">
      <bpmn:incoming>toWait</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
      <bpmn:timerEventDefinition id="waitTimer">${timer}</bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** A timer start event `tick` with `timer` (see timerValue) → end; with `noneStart`, a none start event `start` too. */
export function timerStartBpmn(
  processId: string,
  timer: string,
  options: { noneStart?: boolean } = {},
): string {
  const noneStart = options.noneStart
    ? `<bpmn:startEvent id="start"><bpmn:outgoing>fromStart</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="fromStart" sourceRef="start" targetRef="end" />`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="tick" name="Tick">
      <bpmn:outgoing>fromTick</bpmn:outgoing>
      <bpmn:timerEventDefinition id="tickTimer">${timer}</bpmn:timerEventDefinition>
    </bpmn:startEvent>
    ${noneStart}
    <bpmn:endEvent id="end"><bpmn:incoming>fromTick</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="fromTick" sourceRef="tick" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * start → service task `work` (job type `jobType`) → end, with a timer boundary event `timer`
 * (see timerValue) on `work` leading to the end event `after-timer`; interrupting unless
 * `cancelActivity` is false. With `reminderJobType`, the timer's path passes a service task
 * `remind` of that type first: one job per firing, which a test can count.
 */
export function timerBoundaryBpmn(
  processId: string,
  jobType: string,
  timer: string,
  cancelActivity = true,
  reminderJobType?: string,
): string {
  const afterTimer =
    reminderJobType === undefined
      ? `<bpmn:endEvent id="after-timer"><bpmn:incoming>toAfterTimer</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toAfterTimer" sourceRef="timer" targetRef="after-timer" />`
      : `<bpmn:serviceTask id="remind" name="Remind">
      <bpmn:extensionElements><zeebe:taskDefinition type="${reminderJobType}" /></bpmn:extensionElements>
      <bpmn:incoming>toRemind</bpmn:incoming><bpmn:outgoing>toAfterTimer</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="after-timer"><bpmn:incoming>toAfterTimer</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toRemind" sourceRef="timer" targetRef="remind" />
    <bpmn:sequenceFlow id="toAfterTimer" sourceRef="remind" targetRef="after-timer" />`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
      <bpmn:incoming>toWork</bpmn:incoming><bpmn:outgoing>toEnd</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="timer" cancelActivity="${cancelActivity}" attachedToRef="work">
      <bpmn:outgoing>${reminderJobType === undefined ? 'toAfterTimer' : 'toRemind'}</bpmn:outgoing>
      <bpmn:timerEventDefinition id="timerDefinition">${timer}</bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>toEnd</bpmn:incoming></bpmn:endEvent>
    ${afterTimer}
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}
