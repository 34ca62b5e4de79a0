// Job definitions made at deploy: one per job-creating element, timer and asynchronous continuation.
import { compileBpmn } from '@baton/bpmn';
import type { StoredDefinition } from '@baton/store';
import { jobDefinitionsOf } from './job-definitions';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="billing" isExecutable="true">
    <bpmn:startEvent id="hourly"><bpmn:outgoing>f1</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:startEvent>
    <bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge" camunda:asyncBefore="true" camunda:asyncAfter="true">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="late" attachedToRef="charge"><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sendTask id="notify" camunda:type="external" camunda:topic="notify"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:sendTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="gaveUp"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="hourly" targetRef="charge" />
    <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="notify" />
    <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="done" />
    <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="gaveUp" />
  </bpmn:process>
</bpmn:definitions>`;

it('makes one job definition per worker job, timer and continuation, with its slot', async () => {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const model = compiled.processes[0]!;
  const definition = {
    processDefinitionKey: '42',
    processDefinitionId: 'billing',
    processDefinitionVersion: 3,
    tenantId: '<default>',
    model,
  } as StoredDefinition;
  let key = 100;
  const definitions = jobDefinitionsOf(definition, () => String(key++));
  expect(
    definitions.map(({ elementId, type, kind, slot }) => `${elementId} ${kind} ${type} ${slot}`).sort(),
  ).toEqual(
    [
      'hourly timer timer hourly',
      'charge async-before baton:async-continuation charge#asyncBefore',
      'charge job charge charge',
      'charge async-after baton:async-continuation charge#asyncAfter',
      'late timer timer late',
      'notify job notify notify',
    ].sort(),
  );
  expect(definitions[0]).toMatchObject({
    processDefinitionKey: '42',
    processDefinitionVersion: 3,
    suspended: false,
    tenantId: '<default>',
  });
  expect(new Set(definitions.map((one) => one.jobDefinitionKey)).size).toBe(6);
});
