// The official Camunda 8 SDK's REST client, unchanged, against Baton's resource routes: element
// instances, variables and a user task's variables (issue 16 item 5), the clock (item 6) and
// resource deletion (item 7), one SDK call per route.
import { Camunda8 } from '@camunda8/sdk';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { startTestServer, type TestServer } from '../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await startTestRuntime({ clockControl: true });
  server = await startTestServer(engine);
  camunda = new Camunda8({
    CAMUNDA_AUTH_STRATEGY: 'BEARER',
    CAMUNDA_OAUTH_TOKEN: server.token,
    ZEEBE_REST_ADDRESS: server.baseUrl,
    CAMUNDA_LOG_LEVEL: 'error',
  });
});
afterAll(async () => {
  await camunda.closeAllClients();
  await server.close();
  await engine.close();
});

/** start → user task `approve` (a local `step`) → end. */
function userTaskBpmn(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve" name="Approve">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:ioMapping><zeebe:input source="=&quot;approval&quot;" target="step" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

async function instanceAtUserTask() {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-ei');
  await client.deployResources([{ name: `${processId}.bpmn`, content: userTaskBpmn(processId) }]);
  const { processInstanceKey } = await client.createProcessInstance({
    processDefinitionId: processId,
    variables: { orderId: 'A-1', total: 12.5 },
  });
  const task = await waitFor(
    async () => (await client.searchUserTasks({ filter: { processInstanceKey } })).items[0],
    { description: 'the approve user task' },
  );
  return { client, processId, processInstanceKey, task };
}

it('searches element instances and gets one by key', async () => {
  const { client, processInstanceKey, task } = await instanceAtUserTask();
  const found = await client.searchElementInstances({
    filter: { processInstanceKey, type: 'USER_TASK' },
    sort: [{ field: 'startDate', order: 'ASC' }],
  });
  expect(found.page.totalItems).toBe(1);
  expect(found.items[0]).toMatchObject({
    elementInstanceKey: task.elementInstanceKey,
    elementId: 'approve',
    elementName: 'Approve',
    type: 'USER_TASK',
    state: 'ACTIVE',
    hasIncident: false,
    processInstanceKey,
  });
  const one = await client.getElementInstance(task.elementInstanceKey);
  expect(one).toEqual(found.items[0]);
});

it('searches variables and gets one by key', async () => {
  const { client, processInstanceKey } = await instanceAtUserTask();
  const found = await client.searchVariables({
    filter: { processInstanceKey, name: 'total' },
  });
  expect(found.items).toEqual([
    expect.objectContaining({
      name: 'total',
      value: '12.5',
      scopeKey: processInstanceKey,
      isTruncated: false,
    }),
  ]);
  // The SDK parses the JSON text of the value it gets.
  const one = await client.getVariable({ variableKey: found.items[0]!.variableKey });
  expect(one).toMatchObject({ name: 'total', value: 12.5, processInstanceKey });
});

it("searches a user task's variables", async () => {
  const { client, task } = await instanceAtUserTask();
  const found = await client.searchUserTaskVariables({
    userTaskKey: task.userTaskKey,
    sort: [{ field: 'name' }],
  });
  expect(found.items.map(({ name, value }) => [name, value])).toEqual([
    ['orderId', '"A-1"'],
    ['step', '"approval"'],
    ['total', '12.5'],
  ]);
});

it('pins the engine clock and resets it', async () => {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-clock');
  await client.deployResources([{ name: `${processId}.bpmn`, content: userTaskBpmn(processId) }]);
  const pinned = Date.parse('2033-01-01T00:00:00.000Z');
  await client.pinInternalClock(pinned);
  try {
    const { processInstanceKey } = await client.createProcessInstance({
      processDefinitionId: processId,
      variables: {},
    });
    const started = await waitFor(() => engine.getInstance(processInstanceKey));
    expect(started.startDate).toBe('2033-01-01T00:00:00.000Z');
  } finally {
    await client.resetClock();
  }
  const before = Date.now();
  const { processInstanceKey } = await client.createProcessInstance({
    processDefinitionId: processId,
    variables: {},
  });
  const ticking = await waitFor(() => engine.getInstance(processInstanceKey));
  expect(Date.parse(ticking.startDate)).toBeGreaterThanOrEqual(before - 1000);
});

it('deletes a process definition version', async () => {
  const client = camunda.getCamundaRestClient();
  const processId = uniqueName('sdk-del');
  await client.deployResources([{ name: `${processId}.bpmn`, content: userTaskBpmn(processId) }]);
  const second = await client.deployResources([
    {
      name: `${processId}.bpmn`,
      content: userTaskBpmn(processId).replace('name="Approve"', 'name="Approve v2"'),
    },
  ]);
  const { processDefinitionKey, processDefinitionVersion } = second.processes[0]!;
  expect(processDefinitionVersion).toBe(2);
  const answer = await client.deleteResource({ resourceKey: processDefinitionKey });
  expect(answer.statusCode).toBe(200);
  await expect(client.getProcessDefinition(processDefinitionKey)).rejects.toThrow(/404/);
  const created = await client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  expect(created.processDefinitionVersion).toBe(1);
});
