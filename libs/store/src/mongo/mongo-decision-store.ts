// The MongoDB decision store: graphs and decisions in two collections. A graph's model is stored
// as JSON (FEEL texts and output names are user-chosen and may contain `.` or `$`); stored
// versions never change, so each is parsed once and kept by key. A deleted version stays as a
// tombstone (`deleted: true`): its (id, version) stays taken, and no lookup finds it.
import type { Collection } from 'mongodb';
import type {
  DecisionInstanceQuery,
  DecisionStore,
  StoredDecision,
  StoredDecisionInstance,
  StoredDecisionRequirements,
} from '../decision-store';
import type { Page } from '../query';
import { MongoDecisionInstances, type DecisionInstanceRecord } from './mongo-decision-instances';
import { isDuplicateKeyError } from './mongo-errors';

export interface DecisionRequirementsRecord {
  /** The decisionRequirementsKey. */
  readonly _id: string;
  readonly decisionRequirementsId: string;
  readonly version: number;
  /** The {@link StoredDecisionRequirements} as JSON. */
  readonly body: string;
  /** Set when the graph was deleted (POST /v2/resources/{key}/deletion). */
  readonly deleted?: true;
}

export interface DecisionRecord extends Omit<StoredDecision, 'decisionDefinitionKey'> {
  /** The decisionDefinitionKey. */
  readonly _id: string;
  /** Set when the decision's graph was deleted. */
  readonly deleted?: true;
}

/** Matches the versions not deleted. */
const live = { deleted: { $ne: true } } as const;

/** The MongoDB implementation of {@link DecisionStore}. */
export class MongoDecisionStore implements DecisionStore {
  private readonly parsed = new Map<string, StoredDecisionRequirements>();
  private readonly instances: MongoDecisionInstances;

  constructor(
    private readonly requirements: Collection<DecisionRequirementsRecord>,
    private readonly decisions: Collection<DecisionRecord>,
    instances: Collection<DecisionInstanceRecord>,
  ) {
    this.instances = new MongoDecisionInstances(instances);
  }

  async insertRequirements(requirements: StoredDecisionRequirements): Promise<boolean> {
    const { decisionRequirementsKey, decisionRequirementsId, version } = requirements;
    return insertOnce(() =>
      this.requirements.insertOne({
        _id: decisionRequirementsKey,
        decisionRequirementsId,
        version,
        body: JSON.stringify(requirements),
      }),
    );
  }

  async insertDecision(decision: StoredDecision): Promise<boolean> {
    const { decisionDefinitionKey, ...rest } = decision;
    return insertOnce(() => this.decisions.insertOne({ _id: decisionDefinitionKey, ...rest }));
  }

  async getLatestRequirements(
    decisionRequirementsId: string,
  ): Promise<StoredDecisionRequirements | undefined> {
    const [record] = await this.requirements
      .find({ decisionRequirementsId, ...live })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record === undefined ? undefined : this.fromRecord(record);
  }

  async getRequirementsByKey(
    decisionRequirementsKey: string,
  ): Promise<StoredDecisionRequirements | undefined> {
    const cached = this.parsed.get(decisionRequirementsKey);
    if (cached) {
      // Parsed before, perhaps deleted since (through another replica): the id alone tells.
      const exists = await this.requirements.findOne(
        { _id: decisionRequirementsKey, ...live },
        { projection: { _id: 1 } },
      );
      return exists === null ? undefined : cached;
    }
    const record = await this.requirements.findOne({ _id: decisionRequirementsKey, ...live });
    return record === null ? undefined : this.fromRecord(record);
  }

  async getLatestDecision(decisionDefinitionId: string): Promise<StoredDecision | undefined> {
    const [record] = await this.decisions
      .find({ decisionDefinitionId, ...live })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record === undefined ? undefined : toDecision(record);
  }

  async getDecisionByKey(decisionDefinitionKey: string): Promise<StoredDecision | undefined> {
    const record = await this.decisions.findOne({ _id: decisionDefinitionKey, ...live });
    return record === null ? undefined : toDecision(record);
  }

  async decisionsOf(decisionRequirementsKey: string): Promise<readonly StoredDecision[]> {
    const records = await this.decisions.find({ decisionRequirementsKey, ...live }).toArray();
    // keys are decimal strings taken in the graph's order: compare them as numbers
    return records
      .map(toDecision)
      .sort((a, b) => (BigInt(a.decisionDefinitionKey) < BigInt(b.decisionDefinitionKey) ? -1 : 1));
  }

  async getDecisionOfDeployment(
    decisionDefinitionId: string,
    deploymentKey: string,
  ): Promise<StoredDecision | undefined> {
    const record = await this.decisions.findOne({ decisionDefinitionId, deploymentKey, ...live });
    return record === null ? undefined : toDecision(record);
  }

  async getDecisionByVersionTag(
    decisionDefinitionId: string,
    versionTag: string,
  ): Promise<StoredDecision | undefined> {
    const [record] = await this.decisions
      .find({ decisionDefinitionId, versionTag, ...live })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record === undefined ? undefined : toDecision(record);
  }

  async listDecisions(): Promise<readonly StoredDecision[]> {
    return (await this.decisions.find(live).toArray()).map(toDecision);
  }

  async listRequirements(): Promise<readonly StoredDecisionRequirements[]> {
    return (await this.requirements.find(live).toArray()).map((record) => this.fromRecord(record));
  }

  async deleteRequirements(decisionRequirementsKey: string): Promise<StoredDecisionRequirements | undefined> {
    const record = await this.requirements.findOneAndUpdate(
      { _id: decisionRequirementsKey, ...live },
      { $set: { deleted: true } },
    );
    if (record === null) return undefined;
    await this.decisions.updateMany({ decisionRequirementsKey, ...live }, { $set: { deleted: true } });
    return this.fromRecord(record);
  }

  async highestRequirementsVersion(decisionRequirementsId: string): Promise<number> {
    const [record] = await this.requirements
      .find({ decisionRequirementsId }, { projection: { version: 1 } })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record?.version ?? 0;
  }

  async highestDecisionVersion(decisionDefinitionId: string): Promise<number> {
    const [record] = await this.decisions
      .find({ decisionDefinitionId }, { projection: { version: 1 } })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record?.version ?? 0;
  }

  saveDecisionInstances(instances: readonly StoredDecisionInstance[]): Promise<void> {
    return this.instances.save(instances);
  }

  getDecisionInstance(decisionEvaluationInstanceKey: string): Promise<StoredDecisionInstance | undefined> {
    return this.instances.get(decisionEvaluationInstanceKey);
  }

  searchDecisionInstances(query: DecisionInstanceQuery): Promise<Page<StoredDecisionInstance>> {
    return this.instances.search(query);
  }

  private fromRecord(record: DecisionRequirementsRecord): StoredDecisionRequirements {
    let requirements = this.parsed.get(record._id);
    if (!requirements) {
      requirements = JSON.parse(record.body) as StoredDecisionRequirements;
      this.parsed.set(record._id, requirements);
    }
    return requirements;
  }
}

function toDecision(record: DecisionRecord): StoredDecision {
  const { _id, deleted: _deleted, ...rest } = record;
  return { decisionDefinitionKey: _id, ...rest };
}

async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
