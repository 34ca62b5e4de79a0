// The MongoDB batch operation store: one document per operation (_id = batchOperationKey) and one
// per item (_id = `<batchOperationKey>/<itemKey>`, indexed by operation and state). Counts are
// counted from the items, never kept beside them, so a driver that dies between two writes cannot
// leave them wrong. Operations are few: they are filtered by plain fields and ordered in memory
// (keys are decimal strings of varying length); items are ordered in memory after the filter.
//
// On FerretDB 1.x a conditional update reads and then writes, so two replicas claiming the same
// expired lease at the same instant may both get it for a moment. That costs duplicate work, not
// duplicate effects: every item's command carries an id derived from the operation and the item,
// which the engine applies once (runtime/batch-operation-driver.ts).
import type { Collection, Filter } from 'mongodb';
import {
  defaultItemSort,
  defaultOperationSort,
  drivenBatchOperationStates,
  type BatchItemOutcome,
  type BatchOperationCounts,
  type BatchOperationFilter,
  type BatchOperationItem,
  type BatchOperationItemFilter,
  type BatchOperationRecord,
  type BatchOperationState,
  type BatchOperationStore,
} from '../batch-operation-store';
import { sortAndPage, type Page, type PageRequest, type SortRequest } from '../query';

export interface BatchOperationDocument extends Omit<BatchOperationRecord, 'batchOperationKey'> {
  readonly _id: string;
}

export interface BatchOperationItemDocument extends BatchOperationItem {
  readonly _id: string;
}

/** Items inserted per command. */
const INSERT_CHUNK = 100;

/** The MongoDB implementation of {@link BatchOperationStore}. */
export class MongoBatchOperationStore implements BatchOperationStore {
  constructor(
    private readonly operations: Collection<BatchOperationDocument>,
    private readonly items: Collection<BatchOperationItemDocument>,
  ) {}

  async create(operation: BatchOperationRecord, items: readonly BatchOperationItem[]): Promise<void> {
    for (let start = 0; start < items.length; start += INSERT_CHUNK)
      await this.items.insertMany(
        items.slice(start, start + INSERT_CHUNK).map((item) => ({ _id: itemId(item), ...item })),
        { ordered: false },
      );
    const { batchOperationKey, ...rest } = operation;
    await this.operations.insertOne({ _id: batchOperationKey, ...rest });
  }

  async get(batchOperationKey: string): Promise<BatchOperationRecord | undefined> {
    const document = await this.operations.findOne({ _id: batchOperationKey });
    return document ? fromDocument(document) : undefined;
  }

  async search(
    filter: BatchOperationFilter,
    sort: readonly SortRequest[] = defaultOperationSort,
    page?: PageRequest,
  ): Promise<Page<BatchOperationRecord>> {
    const query = {
      ...(filter.batchOperationKey !== undefined ? { _id: filter.batchOperationKey } : {}),
      ...(filter.batchOperationType !== undefined ? { batchOperationType: filter.batchOperationType } : {}),
      ...(filter.state !== undefined ? { state: filter.state } : {}),
    } as Filter<BatchOperationDocument>;
    const matching = (await this.operations.find(query).toArray()).map(fromDocument);
    return sortAndPage(matching, sort, page, fieldOf);
  }

  async counts(batchOperationKey: string): Promise<BatchOperationCounts> {
    const [total, completed, failed] = await Promise.all([
      this.items.countDocuments({ batchOperationKey }),
      this.items.countDocuments({ batchOperationKey, state: 'COMPLETED' }),
      this.items.countDocuments({ batchOperationKey, state: 'FAILED' }),
    ]);
    return { total, completed, failed };
  }

  async searchItems(
    filter: BatchOperationItemFilter,
    sort: readonly SortRequest[] = defaultItemSort,
    page?: PageRequest,
  ): Promise<Page<BatchOperationItem>> {
    const query = {
      ...(filter.batchOperationKey !== undefined ? { batchOperationKey: filter.batchOperationKey } : {}),
      ...(filter.itemKey !== undefined ? { itemKey: filter.itemKey } : {}),
      ...(filter.processInstanceKey !== undefined ? { processInstanceKey: filter.processInstanceKey } : {}),
      ...(filter.state !== undefined ? { state: filter.state } : {}),
    } as Filter<BatchOperationItemDocument>;
    const matching = (await this.items.find(query, { projection: { _id: 0 } }).toArray()).map(
      (document) => document as BatchOperationItem,
    );
    return sortAndPage(matching, sort, page, fieldOf);
  }

  async pendingItems(batchOperationKey: string, limit: number): Promise<readonly BatchOperationItem[]> {
    const found = await this.items
      .find({ batchOperationKey, state: 'ACTIVE' }, { projection: { _id: 0 } })
      .limit(limit)
      .toArray();
    return found.map((document) => document as BatchOperationItem);
  }

  async finishItem(batchOperationKey: string, itemKey: string, outcome: BatchItemOutcome): Promise<void> {
    await this.items.updateOne(
      { _id: itemId({ batchOperationKey, itemKey }), state: { $in: ['ACTIVE', 'CANCELED'] } },
      { $set: outcome },
    );
  }

  async finishPendingItems(batchOperationKey: string, outcome: BatchItemOutcome): Promise<void> {
    await this.items.updateMany({ batchOperationKey, state: 'ACTIVE' }, { $set: outcome });
  }

  async transition(
    batchOperationKey: string,
    from: readonly BatchOperationState[],
    change: { readonly state: BatchOperationState; readonly endDate?: string },
  ): Promise<boolean> {
    const result = await this.operations.updateOne(
      { _id: batchOperationKey, state: { $in: [...from] } },
      { $set: change },
    );
    return result.matchedCount === 1;
  }

  async claimDriver(
    batchOperationKey: string,
    replicaId: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    const result = await this.operations.updateOne(
      {
        _id: batchOperationKey,
        $or: [
          { driver: { $exists: false } },
          { 'driver.replicaId': replicaId },
          { 'driver.until': { $lt: now } },
        ],
      },
      { $set: { driver: { replicaId, until: now + leaseMs } } },
    );
    return result.matchedCount === 1;
  }

  async unfinished(): Promise<readonly BatchOperationRecord[]> {
    const found = await this.operations.find({ state: { $in: [...drivenBatchOperationStates] } }).toArray();
    return found.map(fromDocument);
  }
}

function itemId(item: Pick<BatchOperationItem, 'batchOperationKey' | 'itemKey'>): string {
  return `${item.batchOperationKey}/${item.itemKey}`;
}

function fromDocument({ _id, ...rest }: BatchOperationDocument): BatchOperationRecord {
  return { batchOperationKey: _id, ...rest };
}

function fieldOf(value: object, field: string): unknown {
  return (value as Record<string, unknown>)[field];
}
