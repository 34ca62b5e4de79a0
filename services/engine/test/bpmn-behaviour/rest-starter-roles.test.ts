// Starter roles (DESIGN §6) end to end, on the embedded runtime and, in the integration suite, on
// Kafka + FerretDB: a definition naming starter roles (`camunda:candidateStarterGroups` or
// `baton:starterRoles`) is started only by those roles or an operator, and only they see it and
// its instances; a definition naming none is open to every authenticated caller.
import { testToken, uniqueName } from '@baton/testing';
import { OPERATOR_ROLE, WORKER_ROLE } from '@baton/platform';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { deployThroughApi, startTestServer, type JsonBody, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;
const salesRole = uniqueName('sales');
const opsRole = uniqueName('ops');
const camundaProcess = uniqueName('c7-sales');
const zeebeProcess = uniqueName('zeebe-ops');
const openProcess = uniqueName('open');
const keys: Record<string, string> = {};
let salesToken: string;
let opsToken: string;
let plainToken: string;
let workerToken: string;

/** A user task keeps each instance active, so searches find it. */
const camunda7Bpmn = (id: string, groups: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true" camunda:candidateStarterGroups="${groups}">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:userTask id="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

const zeebeBpmn = (id: string, roles: string | undefined) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true">
    ${roles === undefined ? '' : `<bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:starterRoles" value="${roles}" /></zeebe:properties></bpmn:extensionElements>`}
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:userTask id="wait"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  [salesToken, opsToken, plainToken, workerToken] = await Promise.all([
    testToken([salesRole]),
    testToken([opsRole]),
    testToken([]),
    testToken([WORKER_ROLE]),
  ]);
  const deployed = await deployThroughApi(server, [
    { name: `${camundaProcess}.bpmn`, content: camunda7Bpmn(camundaProcess, `${salesRole}, other`) },
    { name: `${zeebeProcess}.bpmn`, content: zeebeBpmn(zeebeProcess, `${opsRole},other`) },
    { name: `${openProcess}.bpmn`, content: zeebeBpmn(openProcess, undefined) },
  ]);
  expect(deployed.status).toBe(200);
  for (const item of deployed.body.deployments as JsonBody[]) {
    keys[item.processDefinition.processDefinitionId] = item.processDefinition.processDefinitionKey;
  }
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

const start = (processDefinitionId: string, token: string) =>
  server.call('POST', '/v2/process-instances', { processDefinitionId }, { token });

it('lets only the named starter roles (and operators) start a definition', async () => {
  expect((await start(camundaProcess, salesToken)).status).toBe(200);
  expect((await start(zeebeProcess, opsToken)).status).toBe(200);
  expect((await start(camundaProcess, await testToken([OPERATOR_ROLE]))).status).toBe(200);

  const refused = await start(camundaProcess, opsToken);
  expect(refused.status).toBe(403);
  expect(refused.contentType).toContain('application/problem+json');
  expect(refused.body.title).toBe('FORBIDDEN');
  expect(refused.body.detail).toContain(`needs one of the starter roles ${salesRole}, other`);
  expect((await start(zeebeProcess, salesToken)).status).toBe(403);
  expect((await start(zeebeProcess, workerToken)).status).toBe(403);
  // By key as well as by id.
  const byKey = await server.call(
    'POST',
    '/v2/process-instances',
    { processDefinitionKey: keys[zeebeProcess] },
    { token: salesToken },
  );
  expect(byKey.status).toBe(403);
});

it('lets any authenticated caller start a definition naming no starter roles', async () => {
  expect((await start(openProcess, plainToken)).status).toBe(200);
  expect((await start(openProcess, salesToken)).status).toBe(200);
});

it('shows a caller only the definitions and instances it may start', async () => {
  const salesInstance = (await start(camundaProcess, salesToken)).body.processInstanceKey as string;
  const opsInstance = (await start(zeebeProcess, opsToken)).body.processInstanceKey as string;
  const openInstance = (await start(openProcess, plainToken)).body.processInstanceKey as string;

  const processIds = async (token: string) => {
    const answer = await server.call('POST', '/v2/process-instances/search', {}, { token });
    expect(answer.status).toBe(200);
    return new Set((answer.body.items as JsonBody[]).map((item) => item.processDefinitionId as string));
  };
  const seenBySales = await processIds(salesToken);
  expect(seenBySales.has(camundaProcess)).toBe(true);
  expect(seenBySales.has(openProcess)).toBe(true);
  expect(seenBySales.has(zeebeProcess)).toBe(false);
  const seenByOperator = await processIds(server.token!);
  for (const id of [camundaProcess, zeebeProcess, openProcess]) expect(seenByOperator.has(id)).toBe(true);

  expect(
    (await server.call('GET', `/v2/process-instances/${opsInstance}`, undefined, { token: salesToken }))
      .status,
  ).toBe(403);
  expect(
    (await server.call('GET', `/v2/process-instances/${salesInstance}`, undefined, { token: salesToken }))
      .status,
  ).toBe(200);
  expect(
    (await server.call('GET', `/v2/process-instances/${openInstance}`, undefined, { token: opsToken }))
      .status,
  ).toBe(200);
  expect(
    (
      await server.call('GET', `/v2/process-instances/${opsInstance}/live-state`, undefined, {
        token: salesToken,
      })
    ).status,
  ).toBe(403);

  const definitions = await server.call('GET', '/v2/process-definitions', undefined, { token: salesToken });
  const listed = (definitions.body.items as JsonBody[]).map((item) => item.processDefinitionId as string);
  expect(listed).toEqual(expect.arrayContaining([camundaProcess, openProcess]));
  expect(listed).not.toContain(zeebeProcess);
  const own = await server.call('GET', `/v2/process-definitions/${keys[camundaProcess]}`, undefined, {
    token: salesToken,
  });
  expect(own.body.starterRoles).toEqual([salesRole, 'other']);
  expect(
    (
      await server.call('GET', `/v2/process-definitions/${keys[zeebeProcess]}/xml`, undefined, {
        token: salesToken,
      })
    ).status,
  ).toBe(403);
});
