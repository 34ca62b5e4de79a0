// The embedded batch operation store: maps in memory (one process drives everything it holds).
import {
  defaultItemSort,
  defaultOperationSort,
  driverLeaseFree,
  matchesBatchItemFilter,
  matchesBatchOperationFilter,
  type BatchItemOutcome,
  type BatchOperationCounts,
  type BatchOperationFilter,
  type BatchOperationItem,
  type BatchOperationItemFilter,
  type BatchOperationRecord,
  type BatchOperationState,
  type BatchOperationStore,
  drivenBatchOperationStates,
} from './batch-operation-store';
import { sortAndPage, type Page, type PageRequest, type SortRequest } from './query';

/** The in-memory implementation of {@link BatchOperationStore}. */
export class InMemoryBatchOperationStore implements BatchOperationStore {
  private readonly operations = new Map<string, BatchOperationRecord>();
  /** Items per operation, by item key. */
  private readonly items = new Map<string, Map<string, BatchOperationItem>>();

  create(operation: BatchOperationRecord, items: readonly BatchOperationItem[]): Promise<void> {
    this.items.set(operation.batchOperationKey, new Map(items.map((item) => [item.itemKey, item])));
    this.operations.set(operation.batchOperationKey, operation);
    return Promise.resolve();
  }

  get(batchOperationKey: string): Promise<BatchOperationRecord | undefined> {
    return Promise.resolve(this.operations.get(batchOperationKey));
  }

  search(
    filter: BatchOperationFilter,
    sort: readonly SortRequest[] = defaultOperationSort,
    page?: PageRequest,
  ): Promise<Page<BatchOperationRecord>> {
    const matching = [...this.operations.values()].filter((operation) =>
      matchesBatchOperationFilter(operation, filter),
    );
    return Promise.resolve(sortAndPage(matching, sort, page, fieldOf));
  }

  counts(batchOperationKey: string): Promise<BatchOperationCounts> {
    const items = [...(this.items.get(batchOperationKey)?.values() ?? [])];
    return Promise.resolve({
      total: items.length,
      completed: items.filter((item) => item.state === 'COMPLETED').length,
      failed: items.filter((item) => item.state === 'FAILED').length,
    });
  }

  searchItems(
    filter: BatchOperationItemFilter,
    sort: readonly SortRequest[] = defaultItemSort,
    page?: PageRequest,
  ): Promise<Page<BatchOperationItem>> {
    const candidates =
      filter.batchOperationKey !== undefined
        ? [...(this.items.get(filter.batchOperationKey)?.values() ?? [])]
        : [...this.items.values()].flatMap((items) => [...items.values()]);
    const matching = candidates.filter((item) => matchesBatchItemFilter(item, filter));
    return Promise.resolve(sortAndPage(matching, sort, page, fieldOf));
  }

  pendingItems(batchOperationKey: string, limit: number): Promise<readonly BatchOperationItem[]> {
    const pending: BatchOperationItem[] = [];
    for (const item of this.items.get(batchOperationKey)?.values() ?? []) {
      if (pending.length >= limit) break;
      if (item.state === 'ACTIVE') pending.push(item);
    }
    return Promise.resolve(pending);
  }

  finishItem(batchOperationKey: string, itemKey: string, outcome: BatchItemOutcome): Promise<void> {
    const items = this.items.get(batchOperationKey);
    const item = items?.get(itemKey);
    if (items && item && takesOutcome(item)) items.set(itemKey, { ...item, ...outcome });
    return Promise.resolve();
  }

  finishPendingItems(batchOperationKey: string, outcome: BatchItemOutcome): Promise<void> {
    const items = this.items.get(batchOperationKey);
    for (const [itemKey, item] of items ?? [])
      if (item.state === 'ACTIVE') items?.set(itemKey, { ...item, ...outcome });
    return Promise.resolve();
  }

  transition(
    batchOperationKey: string,
    from: readonly BatchOperationState[],
    change: { readonly state: BatchOperationState; readonly endDate?: string },
  ): Promise<boolean> {
    const operation = this.operations.get(batchOperationKey);
    if (!operation || !from.includes(operation.state)) return Promise.resolve(false);
    this.operations.set(batchOperationKey, {
      ...operation,
      state: change.state,
      ...(change.endDate !== undefined ? { endDate: change.endDate } : {}),
    });
    return Promise.resolve(true);
  }

  claimDriver(batchOperationKey: string, replicaId: string, now: number, leaseMs: number): Promise<boolean> {
    const operation = this.operations.get(batchOperationKey);
    if (!operation || !driverLeaseFree(operation, replicaId, now)) return Promise.resolve(false);
    this.operations.set(batchOperationKey, { ...operation, driver: { replicaId, until: now + leaseMs } });
    return Promise.resolve(true);
  }

  unfinished(): Promise<readonly BatchOperationRecord[]> {
    return Promise.resolve(
      [...this.operations.values()].filter((operation) =>
        drivenBatchOperationStates.includes(operation.state),
      ),
    );
  }
}

/** Whether an item may still get an outcome: ACTIVE, or CANCELED with its command in flight. */
function takesOutcome(item: BatchOperationItem): boolean {
  return item.state === 'ACTIVE' || item.state === 'CANCELED';
}

function fieldOf(value: object, field: string): unknown {
  return (value as Record<string, unknown>)[field];
}
