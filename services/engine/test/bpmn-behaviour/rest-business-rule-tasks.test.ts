// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: a business
// rule task evaluates a deployed decision table in the engine (no job) and an exclusive gateway
// routes on its output; a missing decision raises an incident that deploying it and resolving the
// incident cures; the evaluation is kept as decision instances.
import {
  deploymentResponseSchema,
  incidentSearchResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { camunda7DecisionBpmn, discountRoutingBpmn } from '../fixtures/business-rule-fixtures';
import { discountDmn } from '../fixtures/dmn-fixtures';
import { startInstanceOf } from '../support/rest-scenario-steps';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function deploy(resources: { name: string; content: string }[]) {
  const answer = await deployThroughApi(server, resources);
  expect(answer.status).toBe(200);
  return deploymentResponseSchema.parse(answer.body);
}

async function liveState(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body);
}

/** The instance once it completed: its variables and the elements it went through. */
async function completed(processInstanceKey: string) {
  await waitFor(async () => (await liveState(processInstanceKey)).state === 'COMPLETED');
  const detail = processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
  return {
    variables: detail.variables,
    completedElementIds: (await liveState(processInstanceKey)).completedElementIds,
  };
}

async function activeIncidents(processInstanceKey: string) {
  const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
  return incidentSearchResponseSchema
    .parse(answer.body)
    .items.filter((incident) => incident.state === 'ACTIVE');
}

describe('business rule task calling a DMN decision', () => {
  it('routes on the decision table output: gold customers get a discount, others pay full price', async () => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules');
    await deploy([
      { name: `${processId}.bpmn`, content: discountRoutingBpmn(processId, `${drgId}-discount`) },
      { name: `${drgId}.dmn`, content: discountDmn(drgId) },
    ]);

    const gold = await startInstanceOf(server, processId, { orderTotal: 1500, member: false });
    const standard = await startInstanceOf(server, processId, { orderTotal: 20, member: false });

    const goldDone = await completed(gold);
    expect(goldDone.variables).toMatchObject({ discount: 0.1 });
    expect(goldDone.completedElementIds).toEqual(['start', 'decide', 'route', 'discounted']);
    const standardDone = await completed(standard);
    expect(standardDone.variables).toMatchObject({ discount: 0 });
    expect(standardDone.completedElementIds).toEqual(['start', 'decide', 'route', 'full-price']);
  });

  it('raises an incident naming the missing decision; deploying it and resolving evaluates again', async () => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules-missing');
    await deploy([
      { name: `${processId}.bpmn`, content: discountRoutingBpmn(processId, `${drgId}-discount`) },
    ]);
    const processInstanceKey = await startInstanceOf(server, processId, { orderTotal: 1500, member: false });

    const [incident] = await waitFor(async () => {
      const found = await activeIncidents(processInstanceKey);
      return found.length > 0 ? found : undefined;
    });
    expect(incident).toMatchObject({
      errorType: 'DECISION_EVALUATION_ERROR',
      elementId: 'decide',
      errorMessage: `Expected to evaluate decision '${drgId}-discount', but no decision found for id '${drgId}-discount'`,
    });

    await deploy([{ name: `${drgId}.dmn`, content: discountDmn(drgId) }]);
    const resolved = await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`, {});
    expect(resolved.status).toBe(204);
    const done = await completed(processInstanceKey);
    expect(done.variables).toMatchObject({ discount: 0.1 });
    expect(done.completedElementIds).toContain('discounted');
  });

  it('raises an incident for a FEEL failure in the table; the missing variable set and a resolution complete it', async () => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules-feel');
    await deploy([
      { name: `${processId}.bpmn`, content: discountRoutingBpmn(processId, `${drgId}-discount`) },
      { name: `${drgId}.dmn`, content: discountDmn(drgId) },
    ]);
    // the table's input `member` reads a variable the instance does not have
    const processInstanceKey = await startInstanceOf(server, processId, { orderTotal: 10 });
    const [incident] = await waitFor(async () => {
      const found = await activeIncidents(processInstanceKey);
      return found.length > 0 ? found : undefined;
    });
    expect(incident).toMatchObject({
      errorType: 'DECISION_EVALUATION_ERROR',
      elementId: 'decide',
      errorMessage: `Expected to evaluate decision '${drgId}-discount', but failed to evaluate decision '${drgId}-discount': input 'Member': failed to evaluate expression 'member': Variable 'member' not found`,
    });

    const set = await server.call('PUT', `/v2/element-instances/${processInstanceKey}/variables`, {
      variables: { member: true },
    });
    expect(set.status).toBe(204);
    await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`, {});
    const done = await completed(processInstanceKey);
    expect(done.variables).toMatchObject({ discount: 0.05 });
    expect(done.completedElementIds).toContain('discounted');
  });

  it('awaitWaitState answers after the decision, with its result (Camunda 7 executeWithVariablesInReturn)', async () => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules-wait');
    await deploy([
      {
        name: `${processId}.bpmn`,
        content: camunda7DecisionBpmn(processId, `${drgId}-discount`, 'singleEntry'),
      },
      { name: `${drgId}.dmn`, content: discountDmn(drgId) },
    ]);
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { orderTotal: 1500, member: false },
      awaitWaitState: true,
    });
    expect(created.status).toBe(200);
    expect(created.body.variables).toEqual({ orderTotal: 1500, member: false, discount: 0.1 });
  });

  it('bindingType deployment keeps the decision deployed with the process; latest takes a newer one', async () => {
    const drgId = uniqueName('drg');
    const pinned = uniqueName('rules-pinned');
    const latest = uniqueName('rules-latest');
    await deploy([
      { name: `${pinned}.bpmn`, content: discountRoutingBpmn(pinned, `${drgId}-discount`, 'deployment') },
      { name: `${latest}.bpmn`, content: discountRoutingBpmn(latest, `${drgId}-discount`, 'latest') },
      { name: `${drgId}.dmn`, content: discountDmn(drgId) },
    ]);
    await deploy([{ name: `${drgId}.dmn`, content: discountDmn(drgId, { goldDiscount: 0.25 }) }]);

    const variables = { orderTotal: 1500, member: false };
    const pinnedDone = await completed(await startInstanceOf(server, pinned, variables));
    expect(pinnedDone.variables).toMatchObject({ discount: 0.1 });
    const latestDone = await completed(await startInstanceOf(server, latest, variables));
    expect(latestDone.variables).toMatchObject({ discount: 0.25 });
  });

  it('bindingType versionTag calls the newest version carrying the tag', async () => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules-tagged');
    await deploy([
      {
        name: `${processId}.bpmn`,
        content: discountRoutingBpmn(processId, `${drgId}-discount`, 'versionTag', 'v1'),
      },
      { name: `${drgId}.dmn`, content: discountDmn(drgId, { versionTag: 'v1' }) },
    ]);
    await deploy([
      { name: `${drgId}.dmn`, content: discountDmn(drgId, { goldDiscount: 0.3, versionTag: 'v2' }) },
    ]);
    const variables = { orderTotal: 1500, member: false };
    expect((await completed(await startInstanceOf(server, processId, variables))).variables).toMatchObject({
      discount: 0.1,
    });

    const untagged = uniqueName('rules-untagged');
    await deploy([
      {
        name: `${untagged}.bpmn`,
        content: discountRoutingBpmn(untagged, `${drgId}-discount`, 'versionTag', 'v9'),
      },
    ]);
    const processInstanceKey = await startInstanceOf(server, untagged, variables);
    const [incident] = await waitFor(async () => {
      const found = await activeIncidents(processInstanceKey);
      return found.length > 0 ? found : undefined;
    });
    expect(incident?.errorMessage).toBe(
      `Expected to evaluate decision '${drgId}-discount', but no decision with id '${drgId}-discount' and version tag 'v9' was found`,
    );
  });

  it.each([
    ['singleEntry', 0.1],
    ['singleResult', { discount: 0.1 }],
    ['resultList', [{ discount: 0.1 }]],
    ['collectEntries', [0.1]],
  ])('Camunda 7 camunda:decisionRef with mapDecisionResult %s', async (mapping, expected) => {
    const drgId = uniqueName('drg');
    const processId = uniqueName('rules-c7');
    await deploy([
      { name: `${processId}.bpmn`, content: camunda7DecisionBpmn(processId, `${drgId}-discount`, mapping) },
      { name: `${drgId}.dmn`, content: discountDmn(drgId) },
    ]);
    const done = await completed(
      await startInstanceOf(server, processId, { orderTotal: 1500, member: false }),
    );
    expect(done.variables).toMatchObject({ discount: expected });
  });
});
