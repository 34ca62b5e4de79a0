// BPMN documents of the start-feature tests (rest-start-*.test.ts): the Camunda 7 docs' tree
// examples and FLOWX start conditions / mandatory parameters. Unique process ids per test.

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">`;

const userTask = (id: string, name: string) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;

/**
 * start → calc (script: total = price * 2) → fork → (A | B) → join → sub [ s → inner → e ] → end.
 * The Camunda 7 docs' examples in one: two parallel user tasks, a user task in an embedded subprocess.
 */
export function parallelAndSubprocessBpmn(processId: string): string {
  return `${header}
  <bpmn:process id="${processId}" name="Orders" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=price * 2" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:parallelGateway id="fork" />
    ${userTask('A', 'Check stock')}
    ${userTask('B', 'Check credit')}
    <bpmn:parallelGateway id="join" />
    <bpmn:subProcess id="sub" name="Ship">
      <bpmn:startEvent id="s" />
      ${userTask('inner', 'Pack')}
      <bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="s1" sourceRef="s" targetRef="inner" />
      <bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="e" />
    </bpmn:subProcess>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="calc" />
    <bpmn:sequenceFlow id="fc" sourceRef="calc" targetRef="fork" />
    <bpmn:sequenceFlow id="fa" sourceRef="fork" targetRef="A" />
    <bpmn:sequenceFlow id="fb" sourceRef="fork" targetRef="B" />
    <bpmn:sequenceFlow id="ja" sourceRef="A" targetRef="join" />
    <bpmn:sequenceFlow id="jb" sourceRef="B" targetRef="join" />
    <bpmn:sequenceFlow id="f1" sourceRef="join" targetRef="sub" />
    <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * FLOWX: two none start events picked by `startCondition` (`web`, or `manual`, which requires
 * `clerk` and `desk`); the process also requires `customerId` (`baton:mandatoryParams`).
 */
export function conditionalStartsBpmn(processId: string): string {
  return `${header.replace('<bpmn:definitions ', '<bpmn:definitions xmlns:baton="https://baton.dev/schema/bpmn/1.0" ')}
  <bpmn:process id="${processId}" isExecutable="true" baton:mandatoryParams="customerId">
    <bpmn:startEvent id="web"><bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:startCondition" value="=startCondition = &quot;web&quot;" /></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:startEvent id="manual"><bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:startCondition" value="=startCondition = &quot;manual&quot;" /><zeebe:property name="baton:mandatory" value="clerk,desk" /></zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
    ${userTask('fromWeb', 'Web order')}
    ${userTask('fromClerk', 'Clerk order')}
    <bpmn:sequenceFlow id="w" sourceRef="web" targetRef="fromWeb" />
    <bpmn:sequenceFlow id="m" sourceRef="manual" targetRef="fromClerk" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → one user task `wait`: an instance that stays active. */
export function waitingUserTaskBpmn(processId: string): string {
  return `${header}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${userTask('wait', 'Wait')}
    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="wait" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * start → fork → (review: a parallel multi-instance user task over `reviewers` | audit: another
 * over `auditors`) → join → end: the Camunda 7 docs' two parallel multi-instance user tasks.
 */
export function parallelMultiInstanceBpmn(processId: string): string {
  const miTask = (id: string, collection: string) =>
    `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>` +
    `<bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=${collection}" inputElement="person" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`;
  return `${header}
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    ${miTask('review', 'reviewers')}
    ${miTask('audit', 'auditors')}
    <bpmn:parallelGateway id="join" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="fr" sourceRef="fork" targetRef="review" />
    <bpmn:sequenceFlow id="fa" sourceRef="fork" targetRef="audit" />
    <bpmn:sequenceFlow id="jr" sourceRef="review" targetRef="join" />
    <bpmn:sequenceFlow id="ja" sourceRef="audit" targetRef="join" />
    <bpmn:sequenceFlow id="f1" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
