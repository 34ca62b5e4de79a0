// Decision queries through the official Camunda 8 SDK's REST client, unchanged: decision
// definitions and requirements (search, get, XML) and decision instances (search, get) for a
// decision evaluated by a business rule task and one evaluated through the API — called through
// the client's own endpoint caller, since the 8.8 SDK has no typed method for them.
import { Camunda8 } from '@camunda8/sdk';
import {
  decisionDefinitionSchema,
  decisionDefinitionSearchResponseSchema,
  decisionInstanceDetailSchema,
  decisionInstanceSearchResponseSchema,
  decisionRequirementsSchema,
  decisionRequirementsSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { discountRoutingBpmn } from '../../test/fixtures/business-rule-fixtures';
import { discountDmn } from '../../test/fixtures/dmn-fixtures';
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

const client = () => camunda.getCamundaRestClient();

/** The SDK's endpoint caller: the parsed JSON answer, or the status it failed with. */
async function call(
  method: 'GET' | 'POST',
  urlPath: string,
  body?: Record<string, unknown>,
): Promise<{ status: number; body?: unknown }> {
  try {
    return {
      status: 200,
      body: await client().callApiEndpoint({ method, urlPath, ...(body ? { body } : {}) }),
    };
  } catch (error) {
    return { status: (error as { statusCode?: number }).statusCode ?? -1 };
  }
}

async function callText(urlPath: string): Promise<string> {
  return client().callApiEndpoint({ method: 'GET', urlPath, json: false });
}

/** A discount graph (`<id>-category` required by `<id>-discount`) and a process calling it. */
async function deployDiscounts() {
  const drgId = uniqueName('drg');
  const processId = uniqueName('rules');
  const deployment = await client().deployResources([
    { name: `${processId}.bpmn`, content: discountRoutingBpmn(processId, `${drgId}-discount`) },
    { name: `${drgId}.dmn`, content: discountDmn(drgId) },
  ]);
  return { drgId, processId, deployment };
}

describe('decision definitions', () => {
  it('POST /v2/decision-definitions/search filters by requirements graph, sorts and pages', async () => {
    const { drgId, deployment } = await deployDiscounts();
    const answer = await call('POST', 'decision-definitions/search', {
      filter: { decisionRequirementsId: drgId },
      sort: [{ field: 'name', order: 'DESC' }],
    });
    const found = decisionDefinitionSearchResponseSchema.parse(answer.body);
    expect(found.items.map((item) => item.name)).toEqual(['Discount', 'Customer category']);
    expect(found.page.totalItems).toBe(2);
    expect(found.items[0]).toEqual({
      decisionDefinitionId: `${drgId}-discount`,
      name: 'Discount',
      version: 1,
      decisionRequirementsId: drgId,
      tenantId: '<default>',
      decisionDefinitionKey: deployment.decisions.find((d) => d.decisionDefinitionId === `${drgId}-discount`)
        ?.decisionDefinitionKey,
      decisionRequirementsKey: deployment.decisionRequirements[0]?.decisionRequirementsKey,
    });
    const paged = decisionDefinitionSearchResponseSchema.parse(
      (
        await call('POST', 'decision-definitions/search', {
          filter: { decisionRequirementsId: drgId },
          page: { from: 1, limit: 1 },
        })
      ).body,
    );
    expect(paged.items.map((item) => item.decisionDefinitionId)).toEqual([`${drgId}-discount`]);
    expect(paged.page.totalItems).toBe(2);
    const badSort = await call('POST', 'decision-definitions/search', { sort: [{ field: 'colour' }] });
    expect(badSort.status).toBe(400);
  });

  it('GET /v2/decision-definitions/{key} answers the definition; an unknown key is 404', async () => {
    const { drgId, deployment } = await deployDiscounts();
    const decision = deployment.decisions.find((d) => d.decisionDefinitionId === `${drgId}-category`)!;
    const answer = await call('GET', `decision-definitions/${decision.decisionDefinitionKey}`);
    expect(decisionDefinitionSchema.parse(answer.body)).toMatchObject({
      decisionDefinitionId: `${drgId}-category`,
      name: 'Customer category',
      decisionDefinitionKey: decision.decisionDefinitionKey,
    });
    expect((await call('GET', 'decision-definitions/9007199254740993')).status).toBe(404);
  });

  it('GET /v2/decision-definitions/{key}/xml answers the DMN it was deployed in', async () => {
    const { drgId, deployment } = await deployDiscounts();
    const xml = await callText(`decision-definitions/${deployment.decisions[0]!.decisionDefinitionKey}/xml`);
    expect(xml).toBe(discountDmn(drgId));
  });
});

describe('decision requirements', () => {
  it('POST /v2/decision-requirements/search finds the graph by id', async () => {
    const { drgId, deployment } = await deployDiscounts();
    const answer = await call('POST', 'decision-requirements/search', {
      filter: { decisionRequirementsId: drgId },
    });
    expect(decisionRequirementsSearchResponseSchema.parse(answer.body)).toEqual({
      items: [
        {
          decisionRequirementsName: 'Discounts',
          version: 1,
          decisionRequirementsId: drgId,
          resourceName: `${drgId}.dmn`,
          tenantId: '<default>',
          decisionRequirementsKey: deployment.decisionRequirements[0]!.decisionRequirementsKey,
        },
      ],
      page: { totalItems: 1 },
    });
  });

  it('GET /v2/decision-requirements/{key} and its /xml; an unknown key is 404', async () => {
    const { drgId, deployment } = await deployDiscounts();
    const key = deployment.decisionRequirements[0]!.decisionRequirementsKey;
    const answer = await call('GET', `decision-requirements/${key}`);
    expect(decisionRequirementsSchema.parse(answer.body)).toMatchObject({
      decisionRequirementsId: drgId,
      version: 1,
    });
    expect(await callText(`decision-requirements/${key}/xml`)).toBe(discountDmn(drgId));
    expect((await call('GET', 'decision-requirements/9007199254740993')).status).toBe(404);
  });
});

describe('decision instances', () => {
  it('POST /v2/decision-instances/search finds what a business rule task evaluated, by process instance', async () => {
    const { drgId, processId } = await deployDiscounts();
    const { processInstanceKey, processDefinitionKey } = await client().createProcessInstance({
      processDefinitionId: processId,
      variables: { orderTotal: 1500, member: false },
    });
    const found = await waitFor(async () => {
      const answer = await call('POST', 'decision-instances/search', { filter: { processInstanceKey } });
      const page = decisionInstanceSearchResponseSchema.parse(answer.body);
      return page.items.length === 2 ? page : undefined;
    });
    expect(found.items.map((item) => [item.decisionDefinitionId, item.state, item.result])).toEqual([
      [`${drgId}-category`, 'EVALUATED', '"gold"'],
      [`${drgId}-discount`, 'EVALUATED', '0.1'],
    ]);
    const [category, discount] = found.items;
    expect(discount).toMatchObject({
      decisionEvaluationInstanceKey: `${discount!.decisionEvaluationKey}-2`,
      decisionDefinitionType: 'DECISION_TABLE',
      decisionDefinitionVersion: 1,
      rootDecisionDefinitionKey: discount!.decisionDefinitionKey,
      processDefinitionKey,
      processInstanceKey,
      evaluationFailure: null,
      tenantId: '<default>',
    });
    expect(category?.decisionDefinitionType).toBe('LITERAL_EXPRESSION');
    expect(category?.rootDecisionDefinitionKey).toBe(discount?.decisionDefinitionKey);
    expect(discount?.elementInstanceKey).toMatch(/^\d+$/);
  });

  it('GET /v2/decision-instances/{key} answers an API evaluation with its inputs and matched rule', async () => {
    const { drgId } = await deployDiscounts();
    const evaluation = await client().evaluateDecision({
      decisionDefinitionId: `${drgId}-discount`,
      variables: { orderTotal: 10, member: true },
    });
    const key = `${evaluation.decisionEvaluationKey}-2`;
    const answer = await call('GET', `decision-instances/${key}`);
    const instance = decisionInstanceDetailSchema.parse(answer.body);
    expect(instance).toMatchObject({
      decisionEvaluationInstanceKey: key,
      decisionDefinitionId: `${drgId}-discount`,
      state: 'EVALUATED',
      result: '0.05',
      processInstanceKey: null,
      elementInstanceKey: null,
    });
    expect(instance.evaluatedInputs).toEqual([
      { inputId: `${drgId}-input-category`, inputName: 'Category', inputValue: '"standard"' },
      { inputId: `${drgId}-input-member`, inputName: 'Member', inputValue: 'true' },
    ]);
    expect(instance.matchedRules).toEqual([
      {
        ruleId: `${drgId}-rule-member`,
        ruleIndex: 2,
        evaluatedOutputs: [{ outputId: `${drgId}-output`, outputName: 'Discount', outputValue: '0.05' }],
      },
    ]);
    expect((await call('GET', `decision-instances/${evaluation.decisionEvaluationKey}-9`)).status).toBe(404);
    expect((await call('GET', 'decision-instances/not-a-key')).status).toBe(400);
  });

  it('keeps a failed evaluation as FAILED with its failure, found by state', async () => {
    const { drgId } = await deployDiscounts();
    const evaluation = await client().evaluateDecision({
      decisionDefinitionId: `${drgId}-discount`,
      variables: { orderTotal: 10 },
    });
    expect(evaluation.failedDecisionDefinitionId).toBe(`${drgId}-discount`);
    const answer = await call('POST', 'decision-instances/search', {
      filter: { decisionEvaluationKey: evaluation.decisionEvaluationKey, state: 'FAILED' },
    });
    const [failed] = decisionInstanceSearchResponseSchema.parse(answer.body).items;
    expect(failed).toMatchObject({
      decisionDefinitionId: `${drgId}-discount`,
      state: 'FAILED',
      evaluationFailure: expect.stringContaining("Variable 'member' not found"),
    });
  });
});
