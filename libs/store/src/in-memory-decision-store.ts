// The embedded decision store: versions per graph id and per decision id in memory.
import type { DecisionStore, StoredDecision, StoredDecisionRequirements } from './decision-store';

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
}

/** Records by key and their versions by id, a version taken at most once per id. */
class Versioned<T extends { readonly version: number }> {
  readonly byKey = new Map<string, T>();
  private readonly byId = new Map<string, T[]>();

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
    return this.byId.get(id)?.at(-1);
  }
}
