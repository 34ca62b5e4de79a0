// Incidents follow the visibility of their instances (DESIGN §6): a worker finds and reads the
// incidents of instances of definitions it may start (naming no starter roles, or one of its
// roles), not those of definitions restricted to other roles; operators see every incident.
// On the embedded runtime and, in the integration suite, on Kafka + FerretDB.
import { incidentSchema, incidentSearchResponseSchema } from '@baton/contracts';
import { OPERATOR_ROLE, WORKER_ROLE } from '@baton/platform';
import { testToken, uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };

let engine: EngineRuntime;
let server: TestServer;
const salesRole = uniqueName('sales');
const restrictedProcess = uniqueName('restricted-incident');
const openProcess = uniqueName('open-incident');
let operatorToken: string;
let workerToken: string;
let salesWorkerToken: string;
const incidentKeys: Record<string, string> = {};
const instanceKeys: Record<string, string> = {};

/** start → an inclusive gateway whose condition `=vip` fails without a vip variable: an incident. */
const failingGatewayBpmn = (id: string, starterRoles: string | undefined) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true">
    ${starterRoles === undefined ? '' : `<bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:starterRoles" value="${starterRoles}" /></zeebe:properties></bpmn:extensionElements>`}
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-fork" sourceRef="start" targetRef="fork"/>
    <bpmn:inclusiveGateway id="fork" default="to-plain"/>
    <bpmn:sequenceFlow id="to-vip" sourceRef="fork" targetRef="vip-end"><bpmn:conditionExpression>=vip</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-plain" sourceRef="fork" targetRef="plain-end"/>
    <bpmn:endEvent id="vip-end"/>
    <bpmn:endEvent id="plain-end"/>
  </bpmn:process>
</bpmn:definitions>`;

const searchIncidents = async (token: string, filter: Record<string, unknown> = {}) => {
  const answer = await server.call('POST', '/v2/incidents/search', { filter }, { token });
  expect(answer.status).toBe(200);
  return incidentSearchResponseSchema.parse(answer.body).items;
};

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  [operatorToken, workerToken, salesWorkerToken] = await Promise.all([
    testToken([OPERATOR_ROLE]),
    testToken([WORKER_ROLE]),
    testToken([WORKER_ROLE, salesRole]),
  ]);
  const deployed = await deployThroughApi(server, [
    { name: `${restrictedProcess}.bpmn`, content: failingGatewayBpmn(restrictedProcess, salesRole) },
    { name: `${openProcess}.bpmn`, content: failingGatewayBpmn(openProcess, undefined) },
  ]);
  expect(deployed.status).toBe(200);
  for (const processDefinitionId of [restrictedProcess, openProcess]) {
    const created = await server.call(
      'POST',
      '/v2/process-instances',
      { processDefinitionId, variables: { amount: 50 } },
      { token: operatorToken },
    );
    expect(created.status).toBe(200);
    const processInstanceKey = String((created.body as { processInstanceKey: string }).processInstanceKey);
    instanceKeys[processDefinitionId] = processInstanceKey;
    const [incident] = await waitFor(async () => {
      const found = await searchIncidents(operatorToken, { processInstanceKey });
      return found.length > 0 ? found : undefined;
    }, TIMEOUT);
    incidentKeys[processDefinitionId] = incident?.incidentKey ?? '';
  }
});

afterAll(async () => {
  await server.close();
  await engine.close();
});

it('finds for a worker the incidents of the instances it may see, and only those', async () => {
  const found = (await searchIncidents(workerToken)).map((incident) => incident.incidentKey);
  expect(found).toContain(incidentKeys[openProcess]);
  expect(found).not.toContain(incidentKeys[restrictedProcess]);
  expect(await searchIncidents(workerToken, { processInstanceKey: instanceKeys[restrictedProcess] })).toEqual(
    [],
  );
  expect(await searchIncidents(workerToken, { processDefinitionId: restrictedProcess })).toEqual([]);

  const forSales = (await searchIncidents(salesWorkerToken)).map((incident) => incident.incidentKey);
  expect(forSales).toEqual(
    expect.arrayContaining([incidentKeys[openProcess], incidentKeys[restrictedProcess]]),
  );
  const forOperator = (await searchIncidents(operatorToken)).map((incident) => incident.incidentKey);
  expect(forOperator).toEqual(
    expect.arrayContaining([incidentKeys[openProcess], incidentKeys[restrictedProcess]]),
  );
});

it("refuses a worker the incident of an instance it may not see, naming the definition's roles", async () => {
  const refused = await server.call('GET', `/v2/incidents/${incidentKeys[restrictedProcess]}`, undefined, {
    token: workerToken,
  });
  expect(refused.status).toBe(403);
  expect(JSON.stringify(refused.body)).toContain(salesRole);

  const seen = await server.call('GET', `/v2/incidents/${incidentKeys[restrictedProcess]}`, undefined, {
    token: salesWorkerToken,
  });
  expect(seen.status).toBe(200);
  expect(incidentSchema.parse(seen.body)).toEqual(
    expect.objectContaining({ processDefinitionId: restrictedProcess, elementId: 'fork', state: 'ACTIVE' }),
  );
  const open = await server.call('GET', `/v2/incidents/${incidentKeys[openProcess]}`, undefined, {
    token: workerToken,
  });
  expect(open.status).toBe(200);
});
