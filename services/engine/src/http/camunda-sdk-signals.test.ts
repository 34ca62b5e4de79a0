// The official Camunda 8 SDK's REST client, unchanged, broadcasts signals to Baton: its
// broadcastSignal answers Camunda's shape, and the broadcast starts the process of a signal start
// event and triggers a waiting signal catch event.
import { Camunda8 } from '@camunda8/sdk';
import { processInstanceDetailSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { startTestServer, type TestServer } from '../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await startTestRuntime();
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

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };

function signalProcess(processId: string, signalName: string, startsBySignal: boolean): string {
  const start = startsBySignal
    ? '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>'
    : '<bpmn:startEvent id="start" />';
  const wait = startsBySignal
    ? '<bpmn:userTask id="wait" />'
    : '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" isExecutable="true">${start}${wait}<bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmn:signal id="sig" name="${signalName}" />
</bpmn:definitions>`;
}

async function detail(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

it('broadcasts a signal: a signal start event starts, a waiting catch completes, with the variables', async () => {
  const client = camunda.getCamundaRestClient();
  const signalName = uniqueName('sdk-signal');
  const startedId = uniqueName('sdk-signal-start');
  const catchId = uniqueName('sdk-signal-catch');
  const deployment = await client.deployResources([
    { name: `${startedId}.bpmn`, content: signalProcess(startedId, signalName, true) },
    { name: `${catchId}.bpmn`, content: signalProcess(catchId, signalName, false) },
  ]);
  expect(deployment.processes).toHaveLength(2);
  const waiting = await client.createProcessInstance({ processDefinitionId: catchId, variables: {} });
  await waitFor(
    async () =>
      (await detail(waiting.processInstanceKey)).activeElementIds.includes('wait') ? true : undefined,
    TIMEOUT,
  );

  const broadcast = await client.broadcastSignal({ signalName, variables: { from: 'sdk' } });
  expect(broadcast).toEqual({ signalKey: expect.stringMatching(/^\d+$/), tenantId: '<default>' });

  const caught = await waitFor(async () => {
    const found = await detail(waiting.processInstanceKey);
    return found.state === 'COMPLETED' ? found : undefined;
  }, TIMEOUT);
  expect(caught.variables).toEqual({ from: 'sdk' });
  const started = await waitFor(async () => {
    const found = await client.searchProcessInstances({ filter: { processDefinitionId: startedId } });
    return found.items.length > 0 ? found.items : undefined;
  }, TIMEOUT);
  expect(started).toHaveLength(1);
  expect((await detail(started[0]!.processInstanceKey)).variables).toEqual({ from: 'sdk' });
});
