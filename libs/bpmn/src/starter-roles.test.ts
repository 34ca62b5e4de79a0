// Starter roles of a process (DESIGN §6) from each place a model may name them.
import { compileBpmn } from './compile';
import { camunda7Process, onlyProcess, zeebeProcess } from './test-support';

const starterProperty = (value: string) =>
  `<bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:starterRoles" value="${value}" /></zeebe:properties></bpmn:extensionElements>`;

it('reads baton:starterRoles from the zeebe:properties of the process', async () => {
  const xml = zeebeProcess(`${starterProperty('sales, ops')}<bpmn:startEvent id="start"/>`);
  expect(onlyProcess(await compileBpmn(xml)).candidateStarterGroups).toEqual(['sales', 'ops']);
});

it('reads camunda:candidateStarterGroups of a Camunda 7 process', async () => {
  const xml = camunda7Process(
    '<bpmn:startEvent id="start"/>',
    'isExecutable="true" camunda:candidateStarterGroups="sales,support"',
  );
  expect(onlyProcess(await compileBpmn(xml)).candidateStarterGroups).toEqual(['sales', 'support']);
});

it('merges a Camunda 7 attribute and a camunda:property without duplicates', async () => {
  const xml = camunda7Process(
    '<bpmn:extensionElements><camunda:properties><camunda:property name="baton:starterRoles" value="support,ops" /></camunda:properties></bpmn:extensionElements><bpmn:startEvent id="start"/>',
    'isExecutable="true" camunda:candidateStarterGroups="sales,support"',
  );
  expect(onlyProcess(await compileBpmn(xml)).candidateStarterGroups).toEqual(['sales', 'support', 'ops']);
});

it('names no roles when the process names none: anyone may start it', async () => {
  const xml = zeebeProcess('<bpmn:startEvent id="start"/>');
  expect(onlyProcess(await compileBpmn(xml)).candidateStarterGroups).toEqual([]);
});
