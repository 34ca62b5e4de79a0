// The decision store's versioning: one record per (id, version), the latest by id, a graph's decisions.
import type { StoredDecision, StoredDecisionRequirements } from './decision-store';
import { InMemoryDecisionStore } from './in-memory-decision-store';
import { describeDecisionDeletionContract } from '../test/contract/decision-deletion-contract';

function requirements(key: string, version: number): StoredDecisionRequirements {
  return {
    decisionRequirementsKey: key,
    decisionRequirementsId: 'drg',
    decisionRequirementsName: 'Graph',
    version,
    resourceName: 'graph.dmn',
    tenantId: '<default>',
    deploymentKey: '1',
    dmnXml: '<definitions/>',
    checksum: `sum-${version}`,
    model: { decisionRequirementsId: 'drg', name: 'Graph', namespace: '', decisions: [], inputData: [] },
    deployedAt: '2026-01-01T00:00:00.000Z',
  };
}

function decision(key: string, id: string, version: number, requirementsKey: string): StoredDecision {
  return {
    decisionDefinitionKey: key,
    decisionDefinitionId: id,
    name: id,
    version,
    decisionRequirementsKey: requirementsKey,
    decisionRequirementsId: 'drg',
    tenantId: '<default>',
    deploymentKey: '1',
  };
}

describe('InMemoryDecisionStore', () => {
  it('takes each version of a graph and of a decision once and answers the latest', async () => {
    const store = new InMemoryDecisionStore();
    expect(await store.insertRequirements(requirements('10', 1))).toBe(true);
    expect(await store.insertRequirements(requirements('11', 1))).toBe(false);
    expect(await store.insertRequirements(requirements('12', 2))).toBe(true);
    expect((await store.getLatestRequirements('drg'))?.decisionRequirementsKey).toBe('12');
    expect((await store.getRequirementsByKey('10'))?.version).toBe(1);

    expect(await store.insertDecision(decision('20', 'a', 1, '10'))).toBe(true);
    expect(await store.insertDecision(decision('21', 'a', 1, '12'))).toBe(false);
    expect(await store.insertDecision(decision('22', 'a', 2, '12'))).toBe(true);
    expect(await store.insertDecision(decision('23', 'b', 1, '12'))).toBe(true);
    expect((await store.getLatestDecision('a'))?.decisionDefinitionKey).toBe('22');
    expect((await store.getDecisionByKey('20'))?.version).toBe(1);
    expect((await store.decisionsOf('12')).map((stored) => stored.decisionDefinitionKey)).toEqual([
      '22',
      '23',
    ]);
    expect(await store.getLatestDecision('missing')).toBeUndefined();
  });
});

describeDecisionDeletionContract('InMemoryDecisionStore', () => Promise.resolve(new InMemoryDecisionStore()));
