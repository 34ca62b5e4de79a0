// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: POST
// /v2/resources/{key}/deletion deletes a process definition version as Zeebe 8.8 does — refused
// while instances of it run; deleted, the previous version is the latest again (its start events
// armed), the deleted one's start timers and message starts are withdrawn, its number not reused;
// a decision requirements graph's key deletes that graph version and its decisions.
import {
  deploymentResponseSchema,
  evaluateDecisionResponseSchema,
  processDefinitionSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { serviceTaskBpmn, timerStartBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { discountDmn } from '../fixtures/dmn-fixtures';
import { messageStartBpmn } from '../fixtures/event-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime({ clockControl: true });
  server = await startTestServer(engine);
});
afterEach(async () => {
  expect((await server.call('POST', '/v2/clock/reset')).status).toBe(204);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function deploy(content: string) {
  const answer = await deployThroughApi(server, [{ name: 'p.bpmn', content }]);
  expect(answer.status).toBe(200);
  return deploymentResponseSchema.parse(answer.body).deployments[0]!.processDefinition!;
}

const deleteResource = (key: string) => server.call('POST', `/v2/resources/${key}/deletion`, {});

async function instancesOf(processDefinitionKey: string) {
  const found = await server.call('POST', '/v2/process-instances/search', {
    filter: { processDefinitionKey },
  });
  expect(found.status).toBe(200);
  return found.body.items as { processInstanceKey: string; state: string }[];
}

it('refuses to delete a version while an instance of it runs, and deletes it once none does', async () => {
  const processId = uniqueName('del');
  const jobType = uniqueName('job');
  const first = await deploy(serviceTaskBpmn(processId, jobType, { name: 'v1' }));
  const second = await deploy(serviceTaskBpmn(processId, jobType, { name: 'v2' }));
  expect(second.processDefinitionVersion).toBe(2);
  const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
  const processInstanceKey = created.body.processInstanceKey as string;
  await waitFor(async () => (await instancesOf(second.processDefinitionKey)).length === 1);

  const refused = await deleteResource(second.processDefinitionKey);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ title: 'INVALID_STATE', status: 409 });
  expect(refused.body.detail).toContain('running instances');

  expect(
    (await server.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {})).status,
  ).toBe(204);
  await waitFor(async () => (await instancesOf(second.processDefinitionKey))[0]?.state === 'TERMINATED');
  const deleted = await deleteResource(second.processDefinitionKey);
  expect(deleted.status).toBe(200);
  expect(deleted.body).toEqual({ resourceKey: second.processDefinitionKey });

  // Gone: not found by key, not started by key; the id starts version 1 again.
  expect((await server.call('GET', `/v2/process-definitions/${second.processDefinitionKey}`)).status).toBe(
    404,
  );
  const byKey = await server.call('POST', '/v2/process-instances', {
    processDefinitionKey: second.processDefinitionKey,
  });
  expect(byKey.status).toBe(404);
  const latest = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(latest.status).toBe(200);
  expect(latest.body).toMatchObject({
    processDefinitionKey: first.processDefinitionKey,
    processDefinitionVersion: 1,
  });
  const listed = await server.call('POST', '/v2/process-definitions/search', {
    filter: { processDefinitionId: processId },
  });
  expect(listed.body.items.map((item: unknown) => processDefinitionSchema.parse(item).version)).toEqual([1]);

  // The same file again is a new version, never number 2 again; a second deletion finds nothing.
  const again = await deploy(serviceTaskBpmn(processId, jobType, { name: 'v2' }));
  expect(again.processDefinitionVersion).toBe(3);
  expect((await deleteResource(second.processDefinitionKey)).status).toBe(404);
  const unknown = await deleteResource('123456789');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ title: 'NOT_FOUND' });
});

it("withdraws a deleted version's timer start, and re-arms the previous version's", async () => {
  const due = '2041-05-01T00:00:00Z';
  const [onlyId, versionedId, barrierId] = [
    uniqueName('only'),
    uniqueName('versioned'),
    uniqueName('barrier'),
  ];
  const only = await deploy(timerStartBpmn(onlyId, timerValue('timeDate', due)));
  const v1 = await deploy(timerStartBpmn(versionedId, timerValue('timeDate', due)));
  const v2 = await deploy(timerStartBpmn(versionedId, timerValue('timeDate', due), { noneStart: true }));
  expect(v2.processDefinitionVersion).toBe(2);
  const barrier = await deploy(timerStartBpmn(barrierId, timerValue('timeDate', due)));

  expect((await deleteResource(only.processDefinitionKey)).status).toBe(200);
  expect((await deleteResource(v2.processDefinitionKey)).status).toBe(200);
  expect((await server.call('PUT', '/v2/clock', { timestamp: Date.parse(due) + 1000 })).status).toBe(204);

  // The barrier's timer fires at the same due date: when its instance exists, the others have fired too.
  await waitFor(async () => (await instancesOf(barrier.processDefinitionKey)).length === 1);
  await waitFor(async () => (await instancesOf(v1.processDefinitionKey)).length === 1, {
    description: 'version 1, the latest again, started by its re-armed timer',
  });
  expect(await instancesOf(v2.processDefinitionKey)).toEqual([]);
  expect(await instancesOf(only.processDefinitionKey)).toEqual([]);
});

it('moves message starts back to the previous version, and withdraws them with the last one', async () => {
  const processId = uniqueName('msgdel');
  const messageName = uniqueName('placed');
  const v1 = await deploy(messageStartBpmn(processId, messageName, 'v1'));
  const v2 = await deploy(messageStartBpmn(processId, messageName, 'v2'));
  expect((await deleteResource(v2.processDefinitionKey)).status).toBe(200);
  const correlated = await server.call('POST', '/v2/messages/correlation', {
    name: messageName,
    correlationKey: '',
  });
  expect(correlated.status).toBe(200);
  const started = await waitFor(async () => (await instancesOf(v1.processDefinitionKey))[0]);
  expect(started.processInstanceKey).toBe(correlated.body.processInstanceKey);

  // Version 1 runs an instance: cancel it, delete the version, and no message starts the process.
  await server.call('POST', `/v2/process-instances/${started.processInstanceKey}/cancellation`, {});
  await waitFor(async () => (await instancesOf(v1.processDefinitionKey))[0]?.state === 'TERMINATED');
  expect((await deleteResource(v1.processDefinitionKey)).status).toBe(200);
  const none = await server.call('POST', '/v2/messages/correlation', {
    name: messageName,
    correlationKey: '',
  });
  expect(none.status).toBe(404);
});

it('deletes a decision requirements graph version with its decisions; the previous version is evaluated again', async () => {
  const id = uniqueName('drg');
  const deployDmn = async (goldDiscount: number) => {
    const answer = await deployThroughApi(server, [
      { name: `${id}.dmn`, content: discountDmn(id, { goldDiscount }) },
    ]);
    expect(answer.status).toBe(200);
    const entries = deploymentResponseSchema.parse(answer.body).deployments;
    return {
      graph: entries.find((entry) => entry.decisionRequirements)!.decisionRequirements!,
      discount: entries.find((entry) => entry.decisionDefinition?.decisionDefinitionId === `${id}-discount`)!
        .decisionDefinition!,
    };
  };
  const evaluate = (body: Record<string, unknown>) =>
    server.call('POST', '/v2/decision-definitions/evaluation', {
      ...body,
      variables: { orderTotal: 5000, member: false },
    });
  await deployDmn(0.1);
  const second = await deployDmn(0.2);
  expect(second.graph.version).toBe(2);

  const deleted = await deleteResource(second.graph.decisionRequirementsKey);
  expect(deleted.status).toBe(200);
  expect(deleted.body).toEqual({ resourceKey: second.graph.decisionRequirementsKey });
  const latest = evaluateDecisionResponseSchema.parse(
    (await evaluate({ decisionDefinitionId: `${id}-discount` })).body,
  );
  expect([latest.decisionDefinitionVersion, latest.output]).toEqual([1, '0.1']);
  expect((await evaluate({ decisionDefinitionKey: second.discount.decisionDefinitionKey })).status).toBe(404);

  // A decision is deleted through its graph only (as in Zeebe); the same file again is version 3.
  expect((await deleteResource(latest.decisionDefinitionKey)).status).toBe(404);
  const third = await deployDmn(0.2);
  expect([third.graph.version, third.discount.version]).toEqual([3, 3]);
});

it('moves signal starts back to the previous version', async () => {
  const processId = uniqueName('sigdel');
  const signalName = uniqueName('recalled');
  const signalStart = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
    <bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="on-signal" targetRef="end" />
  </bpmn:process>
  <bpmn:signal id="sig" name="${signalName}" />
</bpmn:definitions>`;
  const v1 = await deploy(signalStart('v1'));
  const v2 = await deploy(signalStart('v2'));
  // A first broadcast starts version 2 (and builds the index of signal starts with it).
  expect((await server.call('POST', '/v2/signals/broadcast', { signalName })).status).toBe(200);
  await waitFor(async () => (await instancesOf(v2.processDefinitionKey))[0]?.state === 'COMPLETED');
  expect((await deleteResource(v2.processDefinitionKey)).status).toBe(200);
  expect((await server.call('POST', '/v2/signals/broadcast', { signalName })).status).toBe(200);
  await waitFor(async () => (await instancesOf(v1.processDefinitionKey)).length === 1, {
    description: 'version 1, the latest again, started by the signal',
  });
  expect(await instancesOf(v2.processDefinitionKey)).toHaveLength(1);
});
