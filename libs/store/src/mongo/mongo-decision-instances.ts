// Decision instances in MongoDB: one record per decision evaluated, keyed by its evaluation
// instance key, with the sort projection that orders searches as the in-memory store does. The
// instance itself is stored as JSON beside the searchable fields (input and output names are
// user-chosen and may contain `.` or `$`).
import type { Collection, Filter } from 'mongodb';
import type { DecisionInstanceQuery, StoredDecisionInstance } from '../decision-store';
import type { Page } from '../query';
import { findPage, mongoSort, sortProjection, type SortProjection } from './sort-keys';

const SEARCHABLE_FIELDS = [
  'decisionEvaluationInstanceKey',
  'decisionEvaluationKey',
  'state',
  'evaluationDate',
  'evaluationFailure',
  'decisionDefinitionId',
  'decisionDefinitionKey',
  'decisionDefinitionName',
  'decisionDefinitionVersion',
  'decisionDefinitionType',
  'rootDecisionDefinitionKey',
  'tenantId',
  'processDefinitionKey',
  'processInstanceKey',
  'elementInstanceKey',
] as const;

export type DecisionInstanceRecord = { readonly _id: string; readonly body: string } & Partial<
  Pick<StoredDecisionInstance, (typeof SEARCHABLE_FIELDS)[number]>
> &
  SortProjection;

export class MongoDecisionInstances {
  constructor(private readonly collection: Collection<DecisionInstanceRecord>) {}

  async save(instances: readonly StoredDecisionInstance[]): Promise<void> {
    if (instances.length === 0) return;
    await this.collection.bulkWrite(
      instances.map((instance) => ({
        updateOne: {
          filter: { _id: instance.decisionEvaluationInstanceKey },
          // A redone batch evaluates again under the same key: the first write stays.
          update: { $setOnInsert: toRecord(instance) },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async get(decisionEvaluationInstanceKey: string): Promise<StoredDecisionInstance | undefined> {
    const record = await this.collection.findOne({ _id: decisionEvaluationInstanceKey });
    return record === null ? undefined : (JSON.parse(record.body) as StoredDecisionInstance);
  }

  async search(query: DecisionInstanceQuery): Promise<Page<StoredDecisionInstance>> {
    const filter: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(query.filter ?? {}))
      if (value !== undefined) filter[field] = value;
    const { records, totalItems } = await findPage(
      this.collection,
      filter as Filter<DecisionInstanceRecord>,
      mongoSort(query.sort, SEARCHABLE_FIELDS, 'decisionEvaluationInstanceKey'),
      query.page,
    );
    return {
      items: records.map((record) => JSON.parse(record.body) as StoredDecisionInstance),
      totalItems,
    };
  }
}

function toRecord(instance: StoredDecisionInstance): Omit<DecisionInstanceRecord, '_id'> {
  const searchable: Record<string, unknown> = {};
  for (const field of SEARCHABLE_FIELDS)
    if (instance[field] !== undefined) searchable[field] = instance[field];
  return {
    ...searchable,
    body: JSON.stringify(instance),
    ...sortProjection(instance, SEARCHABLE_FIELDS),
  };
}
