// The embedded decision store: versions per graph id and per decision id in memory.
import type {
  DecisionInstanceQuery,
  DecisionStore,
  StoredDecision,
  StoredDecisionInstance,
  StoredDecisionRequirements,
} from './decision-store';
import { sortAndPage, type Page } from './query';

/** The in-memory implementation of {@link DecisionStore}. */
export class InMemoryDecisionStore implements DecisionStore {
  private readonly requirements = new Versioned<StoredDecisionRequirements>(
    (r) => r.decisionRequirementsKey,
    (r) => r.decisionRequirementsId,
  );
  private readonly decisions = new Versioned<StoredDecision>(
    (d) => d.decisionDefinitionKey,
    (d) => d.decisionDefinitionId,
  );
  private readonly instances = new Map<string, StoredDecisionInstance>();

  insertRequirements(requirements: StoredDecisionRequirements): Promise<boolean> {
    return Promise.resolve(this.requirements.insert(requirements));
  }

  insertDecision(decision: StoredDecision): Promise<boolean> {
    return Promise.resolve(this.decisions.insert(decision));
  }

  getLatestRequirements(decisionRequirementsId: string): Promise<StoredDecisionRequirements | undefined> {
    return Promise.resolve(this.requirements.latest(decisionRequirementsId));
  }

  getRequirementsByKey(decisionRequirementsKey: string): Promise<StoredDecisionRequirements | undefined> {
    return Promise.resolve(this.requirements.byKey.get(decisionRequirementsKey));
  }

  getLatestDecision(decisionDefinitionId: string): Promise<StoredDecision | undefined> {
    return Promise.resolve(this.decisions.latest(decisionDefinitionId));
  }

  getDecisionByKey(decisionDefinitionKey: string): Promise<StoredDecision | undefined> {
    return Promise.resolve(this.decisions.byKey.get(decisionDefinitionKey));
  }

  decisionsOf(decisionRequirementsKey: string): Promise<readonly StoredDecision[]> {
    return Promise.resolve(
      [...this.decisions.byKey.values()].filter((d) => d.decisionRequirementsKey === decisionRequirementsKey),
    );
  }

  getDecisionOfDeployment(
    decisionDefinitionId: string,
    deploymentKey: string,
  ): Promise<StoredDecision | undefined> {
    return Promise.resolve(
      [...this.decisions.byKey.values()].find(
        (d) => d.decisionDefinitionId === decisionDefinitionId && d.deploymentKey === deploymentKey,
      ),
    );
  }

  getDecisionByVersionTag(
    decisionDefinitionId: string,
    versionTag: string,
  ): Promise<StoredDecision | undefined> {
    const tagged = [...this.decisions.byKey.values()].filter(
      (d) => d.decisionDefinitionId === decisionDefinitionId && d.versionTag === versionTag,
    );
    return Promise.resolve(tagged.sort((a, b) => b.version - a.version)[0]);
  }

  listDecisions(): Promise<readonly StoredDecision[]> {
    return Promise.resolve([...this.decisions.byKey.values()]);
  }

  listRequirements(): Promise<readonly StoredDecisionRequirements[]> {
    return Promise.resolve([...this.requirements.byKey.values()]);
  }

  deleteRequirements(decisionRequirementsKey: string): Promise<StoredDecisionRequirements | undefined> {
    const graph = this.requirements.delete(decisionRequirementsKey);
    if (graph)
      for (const decision of [...this.decisions.byKey.values()])
        if (decision.decisionRequirementsKey === decisionRequirementsKey)
          this.decisions.delete(decision.decisionDefinitionKey);
    return Promise.resolve(graph);
  }

  highestRequirementsVersion(decisionRequirementsId: string): Promise<number> {
    return Promise.resolve(this.requirements.highest(decisionRequirementsId));
  }

  highestDecisionVersion(decisionDefinitionId: string): Promise<number> {
    return Promise.resolve(this.decisions.highest(decisionDefinitionId));
  }

  saveDecisionInstances(instances: readonly StoredDecisionInstance[]): Promise<void> {
    for (const instance of instances)
      if (!this.instances.has(instance.decisionEvaluationInstanceKey))
        this.instances.set(instance.decisionEvaluationInstanceKey, instance);
    return Promise.resolve();
  }

  getDecisionInstance(decisionEvaluationInstanceKey: string): Promise<StoredDecisionInstance | undefined> {
    return Promise.resolve(this.instances.get(decisionEvaluationInstanceKey));
  }

  searchDecisionInstances(query: DecisionInstanceQuery): Promise<Page<StoredDecisionInstance>> {
    const filter = Object.entries(query.filter ?? {}).filter(([, value]) => value !== undefined);
    const matching = [...this.instances.values()].filter((instance) =>
      filter.every(([field, value]) => instance[field as keyof StoredDecisionInstance] === value),
    );
    return Promise.resolve(
      sortAndPage(
        matching,
        query.sort,
        query.page,
        (instance, field) => instance[field as keyof StoredDecisionInstance],
      ),
    );
  }
}

/**
 * Records by key and their versions by id, a version taken at most once per id. A deleted record
 * leaves `byKey` but stays among its id's versions, keeping its number taken.
 */
class Versioned<T extends { readonly version: number }> {
  readonly byKey = new Map<string, T>();
  private readonly byId = new Map<string, T[]>();
  private readonly deleted = new Set<string>();

  constructor(
    private readonly keyOf: (record: T) => string,
    private readonly idOf: (record: T) => string,
  ) {}

  insert(record: T): boolean {
    const versions = this.byId.get(this.idOf(record)) ?? [];
    if (versions.some((other) => other.version === record.version) || this.byKey.has(this.keyOf(record)))
      return false;
    versions.push(record);
    versions.sort((a, b) => a.version - b.version);
    this.byId.set(this.idOf(record), versions);
    this.byKey.set(this.keyOf(record), record);
    return true;
  }

  latest(id: string): T | undefined {
    return this.byId
      .get(id)
      ?.filter((record) => !this.deleted.has(this.keyOf(record)))
      .at(-1);
  }

  highest(id: string): number {
    return this.byId.get(id)?.at(-1)?.version ?? 0;
  }

  delete(key: string): T | undefined {
    const record = this.byKey.get(key);
    if (record === undefined) return undefined;
    this.byKey.delete(key);
    this.deleted.add(key);
    return record;
  }
}
