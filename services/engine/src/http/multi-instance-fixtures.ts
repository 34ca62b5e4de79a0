// BPMN documents for the REST multi-instance tests, built per test with unique process ids and job types.

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions" targetNamespace="http://bpmn.io/schema/bpmn">`;

export interface MultiInstanceOptions {
  readonly sequential?: boolean;
  /** FEEL, with the leading `=`. */
  readonly completionCondition?: string;
  /** The zeebe:loopCharacteristics attributes; default: items → item, result → results. */
  readonly loopAttributes?: string;
}

const DEFAULT_LOOP =
  'inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result"';

/** start → work (multi-instance service task, job type `<type>`) → end. */
export function multiInstanceServiceTaskBpmn(
  processId: string,
  type: string,
  options: MultiInstanceOptions = {},
): string {
  const condition =
    options.completionCondition === undefined
      ? ''
      : `<bpmn:completionCondition>${options.completionCondition}</bpmn:completionCondition>`;
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics isSequential="${options.sequential ?? false}">
        <bpmn:extensionElements><zeebe:loopCharacteristics ${options.loopAttributes ?? DEFAULT_LOOP} /></bpmn:extensionElements>
        ${condition}
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → call (parallel multi-instance call activity of `childId`, over `items`) → end. */
export function multiInstanceCallActivityBpmn(processId: string, childId: string): string {
  return `${HEADER}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call">
      <bpmn:extensionElements>
        <zeebe:calledElement processId="${childId}" propagateAllChildVariables="true" />
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics ${DEFAULT_LOOP} /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
