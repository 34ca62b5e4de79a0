// The decision instances every DecisionStore adapter keeps alike, run against each adapter: a
// second write of a key changes nothing (a redone batch evaluates again), searches filter by
// equality, sort (keys numerically) and page, and a decision's version is found by deployment.
import type { DecisionStore, StoredDecision, StoredDecisionInstance } from '../../src/decision-store';

function instance(
  evaluationKey: string,
  position: number,
  overrides: Partial<StoredDecisionInstance> = {},
): StoredDecisionInstance {
  return {
    decisionEvaluationInstanceKey: `${evaluationKey}-${position}`,
    decisionEvaluationKey: evaluationKey,
    state: 'EVALUATED',
    evaluationDate: '2026-01-01T00:00:00.000Z',
    decisionDefinitionId: 'discount',
    decisionDefinitionKey: '20',
    decisionDefinitionName: 'Discount',
    decisionDefinitionVersion: 1,
    decisionDefinitionType: 'DECISION_TABLE',
    rootDecisionDefinitionKey: '20',
    result: '0.1',
    tenantId: '<default>',
    evaluatedInputs: [{ inputId: 'in.$1', inputName: 'Category', inputValue: '"gold"' }],
    matchedRules: [
      {
        ruleId: 'r1',
        ruleIndex: 1,
        evaluatedOutputs: [{ outputId: 'o1', outputName: 'a.$b', outputValue: '0.1' }],
      },
    ],
    ...overrides,
  };
}

function decision(key: string, version: number, deploymentKey: string): StoredDecision {
  return {
    decisionDefinitionKey: key,
    decisionDefinitionId: 'discount',
    name: 'Discount',
    version,
    decisionRequirementsKey: `${key}0`,
    decisionRequirementsId: 'drg',
    tenantId: '<default>',
    deploymentKey,
  };
}

/** Registers the cases; `createStore` gives an empty store per test. */
export function describeDecisionInstanceContract(
  name: string,
  createStore: () => Promise<DecisionStore>,
): void {
  describe(`${name}: decision instances and deployments`, () => {
    let store: DecisionStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('keeps the first write of a key, with its inputs and rules as written', async () => {
      await store.saveDecisionInstances([instance('100', 1)]);
      await store.saveDecisionInstances([instance('100', 1, { result: '0.9' })]);
      expect(await store.getDecisionInstance('100-1')).toEqual(instance('100', 1));
      expect(await store.getDecisionInstance('100-2')).toBeUndefined();
    });

    it('searches by equality, sorts keys numerically and pages', async () => {
      await store.saveDecisionInstances([
        instance('9', 1),
        instance('10', 1, { processInstanceKey: '7', state: 'FAILED', evaluationFailure: 'boom' }),
        instance('10', 2, { processInstanceKey: '7' }),
        instance('11', 1, { processInstanceKey: '8' }),
      ]);
      const byProcess = await store.searchDecisionInstances({ filter: { processInstanceKey: '7' } });
      expect(byProcess.items.map((item) => item.decisionEvaluationInstanceKey)).toEqual(['10-1', '10-2']);
      expect(byProcess.totalItems).toBe(2);
      const failed = await store.searchDecisionInstances({ filter: { state: 'FAILED' } });
      expect(failed.items.map((item) => item.evaluationFailure)).toEqual(['boom']);
      const page = await store.searchDecisionInstances({
        sort: [{ field: 'decisionEvaluationKey', order: 'DESC' }, { field: 'decisionEvaluationInstanceKey' }],
        page: { from: 1, limit: 2 },
      });
      expect(page.items.map((item) => item.decisionEvaluationInstanceKey)).toEqual(['10-1', '10-2']);
      expect(page.totalItems).toBe(4);
    });

    it('finds the version of a decision one deployment holds, and the newest with a version tag', async () => {
      await store.insertDecision(decision('30', 1, '300'));
      await store.insertDecision(decision('31', 2, '301'));
      await store.insertDecision({ ...decision('32', 3, '302'), versionTag: 'v1' });
      await store.insertDecision({ ...decision('33', 4, '303'), versionTag: 'v1' });
      await store.insertDecision({ ...decision('34', 5, '304'), versionTag: 'v2' });
      expect((await store.getDecisionByVersionTag('discount', 'v1'))?.decisionDefinitionKey).toBe('33');
      expect(await store.getDecisionByVersionTag('discount', 'v3')).toBeUndefined();
      expect((await store.getDecisionOfDeployment('discount', '300'))?.decisionDefinitionKey).toBe('30');
      expect(await store.getDecisionOfDeployment('discount', '399')).toBeUndefined();
      expect((await store.listDecisions()).map((d) => d.decisionDefinitionKey).sort()).toEqual([
        '30',
        '31',
        '32',
        '33',
        '34',
      ]);
    });
  });
}
