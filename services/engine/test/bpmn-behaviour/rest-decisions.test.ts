// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: DMN files
// deployed beside BPMN through POST /v2/deployments and evaluated through
// POST /v2/decision-definitions/evaluation, answers checked against the contract schemas (Camunda 8.8 shapes).
import { deploymentResponseSchema, evaluateDecisionResponseSchema } from '@baton/contracts';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { brokenDmn, discountDmn, paymentDmn } from '../fixtures/dmn-fixtures';
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

async function deployDiscounts(id: string, options?: { goldDiscount?: number }) {
  const answer = await deployThroughApi(server, [{ name: `${id}.dmn`, content: discountDmn(id, options) }]);
  expect(answer.status).toBe(200);
  return deploymentResponseSchema.parse(answer.body);
}

async function evaluate(body: Record<string, unknown>) {
  return server.call('POST', '/v2/decision-definitions/evaluation', body);
}

describe('DMN deployment', () => {
  it('deploys BPMN and DMN in one request and answers processDefinition, decisionDefinition and decisionRequirements entries', async () => {
    const id = uniqueName('drg');
    const processId = uniqueName('proc');
    const answer = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, uniqueName('job')) },
      { name: 'discounts.dmn', content: discountDmn(id) },
    ]);
    expect(answer.status).toBe(200);
    const deployment = deploymentResponseSchema.parse(answer.body);
    const process = deployment.deployments.find((entry) => entry.processDefinition)?.processDefinition;
    expect(process).toMatchObject({ processDefinitionId: processId, processDefinitionVersion: 1 });
    const requirements = deployment.deployments.find(
      (entry) => entry.decisionRequirements,
    )?.decisionRequirements;
    expect(requirements).toMatchObject({
      decisionRequirementsId: id,
      decisionRequirementsName: 'Discounts',
      version: 1,
      resourceName: 'discounts.dmn',
      tenantId: '<default>',
    });
    const decisions = deployment.deployments.flatMap((entry) => entry.decisionDefinition ?? []);
    expect(
      decisions.map((decision) => [decision.decisionDefinitionId, decision.name, decision.version]),
    ).toEqual([
      [`${id}-category`, 'Customer category', 1],
      [`${id}-discount`, 'Discount', 1],
    ]);
    for (const decision of decisions) {
      expect(decision.decisionRequirementsKey).toBe(requirements?.decisionRequirementsKey);
      expect(decision.decisionRequirementsId).toBe(id);
    }
  });

  it('gives no new version for the same XML and a new version of each decision for a changed one', async () => {
    const id = uniqueName('drg');
    const first = await deployDiscounts(id);
    const again = await deployDiscounts(id);
    const changed = await deployDiscounts(id, { goldDiscount: 0.2 });
    expect(again.deployments).toEqual(first.deployments);
    const versions = changed.deployments.map(
      (entry) => entry.decisionDefinition?.version ?? entry.decisionRequirements?.version,
    );
    expect(versions).toEqual([2, 2, 2]);
    const firstKeys = first.deployments.map((entry) => entry.decisionDefinition?.decisionDefinitionKey);
    const changedKeys = changed.deployments.map((entry) => entry.decisionDefinition?.decisionDefinitionKey);
    expect(changedKeys[0]).not.toBe(firstKeys[0]);
  });

  it('refuses a broken DMN file with every problem named by its element id, and deploys nothing of the request', async () => {
    const id = uniqueName('broken');
    const processId = uniqueName('proc');
    const answer = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, uniqueName('job')) },
      { name: 'broken.dmn', content: brokenDmn(id) },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.title).toBe('INVALID_ARGUMENT');
    const elementIds = answer.body.problems.map((problem: { elementId?: string }) => problem.elementId);
    expect(elementIds).toEqual(expect.arrayContaining([`${id}-short-rule`, `${id}-empty-bkm`]));
    expect(answer.body.detail).toContain(`broken.dmn (${id}-short-rule)`);
    const start = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
    expect(start.status).toBe(404);
  });
});

describe('POST /v2/decision-definitions/evaluation', () => {
  it('evaluates the required decision first and answers output, matched rules and evaluated inputs', async () => {
    const id = uniqueName('drg');
    const deployment = await deployDiscounts(id);
    const answer = await evaluate({
      decisionDefinitionId: `${id}-discount`,
      variables: { orderTotal: 200, member: true },
    });
    expect(answer.status).toBe(200);
    const result = evaluateDecisionResponseSchema.parse(answer.body);
    const discount = deployment.deployments.find(
      (entry) => entry.decisionDefinition?.decisionDefinitionId === `${id}-discount`,
    );
    expect(result).toMatchObject({
      decisionDefinitionId: `${id}-discount`,
      decisionDefinitionName: 'Discount',
      decisionDefinitionVersion: 1,
      decisionDefinitionKey: discount?.decisionDefinition?.decisionDefinitionKey,
      decisionRequirementsId: id,
      output: '0.05',
      failedDecisionDefinitionId: '',
      failureMessage: '',
      tenantId: '<default>',
    });
    expect(
      result.evaluatedDecisions.map((decision) => [
        decision.decisionDefinitionId,
        decision.decisionDefinitionType,
        decision.output,
      ]),
    ).toEqual([
      [`${id}-category`, 'LITERAL_EXPRESSION', '"standard"'],
      [`${id}-discount`, 'DECISION_TABLE', '0.05'],
    ]);
    const table = result.evaluatedDecisions[1];
    expect(table?.evaluatedInputs).toEqual([
      { inputId: `${id}-input-category`, inputName: 'Category', inputValue: '"standard"' },
      { inputId: `${id}-input-member`, inputName: 'Member', inputValue: 'true' },
    ]);
    expect(table?.matchedRules).toEqual([
      {
        ruleId: `${id}-rule-member`,
        ruleIndex: 2,
        evaluatedOutputs: [{ outputId: `${id}-output`, outputName: 'Discount', outputValue: '0.05' }],
      },
    ]);
  });

  it('evaluates a decision that invokes a business knowledge model, by name and through an invocation', async () => {
    const id = uniqueName('drg');
    const deployed = await deployThroughApi(server, [{ name: `${id}.dmn`, content: paymentDmn(id) }]);
    expect(deployed.status).toBe(200);
    const decisions = deploymentResponseSchema
      .parse(deployed.body)
      .deployments.flatMap((entry) => entry.decisionDefinition?.decisionDefinitionId ?? []);
    expect(decisions).toEqual([`${id}-monthly`, `${id}-invoked`]);
    const loan = { amount: 600000, rate: 0.0375, term: 360 };
    const monthly = evaluateDecisionResponseSchema.parse(
      (await evaluate({ decisionDefinitionId: `${id}-monthly`, variables: { loan, fee: 100 } })).body,
    );
    expect(monthly.failureMessage).toBe('');
    expect(Number(monthly.output)).toBeCloseTo(2878.69, 2);
    expect(monthly.evaluatedDecisions.map((decision) => decision.decisionDefinitionId)).toEqual([
      `${id}-monthly`,
    ]);
    const invoked = evaluateDecisionResponseSchema.parse(
      (await evaluate({ decisionDefinitionId: `${id}-invoked`, variables: { loan } })).body,
    );
    expect(Number(invoked.output)).toBeCloseTo(2778.69, 2);
  });

  it('evaluates a given version by its key', async () => {
    const id = uniqueName('drg');
    const first = await deployDiscounts(id);
    await deployDiscounts(id, { goldDiscount: 0.2 });
    const firstKey = first.deployments.find(
      (entry) => entry.decisionDefinition?.decisionDefinitionId === `${id}-discount`,
    )?.decisionDefinition?.decisionDefinitionKey;
    const byKey = evaluateDecisionResponseSchema.parse(
      (await evaluate({ decisionDefinitionKey: firstKey, variables: { orderTotal: 5000, member: false } }))
        .body,
    );
    const latest = evaluateDecisionResponseSchema.parse(
      (
        await evaluate({
          decisionDefinitionId: `${id}-discount`,
          variables: { orderTotal: 5000, member: false },
        })
      ).body,
    );
    expect([byKey.decisionDefinitionVersion, byKey.output]).toEqual([1, '0.1']);
    expect([latest.decisionDefinitionVersion, latest.output]).toEqual([2, '0.2']);
  });

  it('answers a failed evaluation with the decision that failed and the FEEL error', async () => {
    const id = uniqueName('drg');
    await deployDiscounts(id);
    const answer = await evaluate({ decisionDefinitionId: `${id}-discount`, variables: { member: true } });
    expect(answer.status).toBe(200);
    const result = evaluateDecisionResponseSchema.parse(answer.body);
    expect(result.failedDecisionDefinitionId).toBe(`${id}-category`);
    expect(result.failureMessage).toContain(`failed to evaluate decision '${id}-category'`);
    expect(result.failureMessage).toContain('orderTotal');
    expect(result.evaluatedDecisions).toEqual([]);
  });

  it('answers 404 for an unknown decision and 400 without an id or key', async () => {
    const unknown = await evaluate({ decisionDefinitionId: uniqueName('missing') });
    expect(unknown.status).toBe(404);
    expect(unknown.body.title).toBe('NOT_FOUND');
    const neither = await evaluate({ variables: {} });
    expect(neither.status).toBe(400);
  });
});
