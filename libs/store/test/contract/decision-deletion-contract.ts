// Deleting a decision requirements graph version (POST /v2/resources/{key}/deletion), the same in
// every DecisionStore adapter: the graph and its decisions leave every lookup, the previous
// versions are the latest again, and the version numbers stay taken.
import type { DecisionStore, StoredDecision, StoredDecisionRequirements } from '../../src/decision-store';

function graph(key: string, id: string, version: number): StoredDecisionRequirements {
  return {
    decisionRequirementsKey: key,
    decisionRequirementsId: id,
    decisionRequirementsName: 'Graph',
    version,
    resourceName: 'graph.dmn',
    tenantId: '<default>',
    deploymentKey: `d${version}`,
    dmnXml: '<definitions/>',
    checksum: `sum-${version}`,
    model: { decisionRequirementsId: id, name: 'Graph', namespace: '', decisions: [], inputData: [] },
    deployedAt: '2026-01-01T00:00:00.000Z',
  };
}

function decision(key: string, id: string, version: number, of: StoredDecisionRequirements): StoredDecision {
  return {
    decisionDefinitionKey: key,
    decisionDefinitionId: id,
    name: id,
    version,
    decisionRequirementsKey: of.decisionRequirementsKey,
    decisionRequirementsId: of.decisionRequirementsId,
    tenantId: '<default>',
    deploymentKey: of.deploymentKey,
  };
}

/** Registers the deletion cases; `createStore` gives an empty store per test. */
export function describeDecisionDeletionContract(
  name: string,
  createStore: () => Promise<DecisionStore>,
): void {
  describe(`${name}: decision deletion contract`, () => {
    it('deletes a graph version and its decisions; the previous versions are the latest, the numbers stay taken', async () => {
      const store = await createStore();
      const id = `drg${Math.random().toString(36).slice(2, 8)}`;
      const [first, second] = [graph(`${id.length}1001`, id, 1), graph(`${id.length}1002`, id, 2)];
      const firstDecision = decision(`${id.length}2001`, `${id}-a`, 1, first);
      const secondDecision = decision(`${id.length}2002`, `${id}-a`, 2, second);
      await store.insertRequirements(first);
      await store.insertDecision(firstDecision);
      expect(await store.getRequirementsByKey(second.decisionRequirementsKey)).toBeUndefined();
      await store.insertRequirements(second);
      await store.insertDecision(secondDecision);
      expect((await store.getRequirementsByKey(second.decisionRequirementsKey))?.version).toBe(2); // parsed

      expect((await store.deleteRequirements(second.decisionRequirementsKey))?.version).toBe(2);
      expect(await store.deleteRequirements(second.decisionRequirementsKey)).toBeUndefined();
      expect(await store.getRequirementsByKey(second.decisionRequirementsKey)).toBeUndefined();
      expect(await store.getDecisionByKey(secondDecision.decisionDefinitionKey)).toBeUndefined();
      expect(await store.decisionsOf(second.decisionRequirementsKey)).toEqual([]);
      expect(await store.getDecisionOfDeployment(`${id}-a`, second.deploymentKey)).toBeUndefined();
      expect((await store.getLatestRequirements(id))?.version).toBe(1);
      expect(await store.getLatestDecision(`${id}-a`)).toEqual(firstDecision);
      const listed = (await store.listDecisions()).filter(
        (stored) => stored.decisionDefinitionId === `${id}-a`,
      );
      expect(listed).toEqual([firstDecision]);
      expect(
        (await store.listRequirements()).filter((stored) => stored.decisionRequirementsId === id),
      ).toHaveLength(1);
      expect(await store.highestRequirementsVersion(id)).toBe(2);
      expect(await store.highestDecisionVersion(`${id}-a`)).toBe(2);
      expect(await store.insertRequirements({ ...graph('9999', id, 2), checksum: 'other' })).toBe(false);
      expect(await store.highestRequirementsVersion('none')).toBe(0);
    });
  });
}
