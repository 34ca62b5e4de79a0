// The batch operation store port (Camunda 8.8 batch operations): an operation, the items it was
// created with (one per process instance, or per incident), what became of each, and which replica
// drives it. Durable, so that an operation a replica was driving when it died is taken over where
// it stood: items already done stay done, the others are applied by the next driver.
import type { Page, PageRequest, SortRequest } from './query';

/** The operation types Baton runs. */
export type BatchOperationType =
  'CANCEL_PROCESS_INSTANCE' | 'RESOLVE_INCIDENT' | 'MODIFY_PROCESS_INSTANCE' | 'MIGRATE_PROCESS_INSTANCE';

export type BatchOperationState =
  'CREATED' | 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'CANCELED' | 'FAILED';

export type BatchOperationItemState = 'ACTIVE' | 'COMPLETED' | 'SKIPPED' | 'CANCELED' | 'FAILED';

/** The states in which an operation still has items to apply: what a driver looks for. */
export const drivenBatchOperationStates: readonly BatchOperationState[] = ['CREATED', 'ACTIVE'];

/** A move of a modification batch: every active instance of the source ends, a target starts for each. */
export interface BatchMoveInstruction {
  readonly sourceElementId: string;
  readonly targetElementId: string;
}

/** The plan of a migration batch: every item's instance goes to the target with these mappings. */
export interface BatchMigrationPlan {
  readonly targetProcessDefinitionKey: string;
  readonly mappingInstructions: readonly {
    readonly sourceElementId: string;
    readonly targetElementId: string;
  }[];
}

/** Which replica drives an operation, until when (epoch ms): another may take it over after. */
export interface BatchOperationDriverLease {
  readonly replicaId: string;
  readonly until: number;
}

export interface BatchOperationRecord {
  readonly batchOperationKey: string;
  readonly batchOperationType: BatchOperationType;
  readonly state: BatchOperationState;
  /** ISO-8601. */
  readonly startDate: string;
  readonly endDate?: string;
  /** The moves of a MODIFY_PROCESS_INSTANCE operation. */
  readonly moveInstructions?: readonly BatchMoveInstruction[];
  /** The plan of a MIGRATE_PROCESS_INSTANCE operation. */
  readonly migrationPlan?: BatchMigrationPlan;
  /** Why the operation failed as a whole (Camunda's `errors`, e.g. too many items). */
  readonly errors?: readonly {
    readonly type: 'QUERY_FAILED' | 'RESULT_BUFFER_SIZE_EXCEEDED';
    readonly message: string;
  }[];
  readonly driver?: BatchOperationDriverLease;
}

export interface BatchOperationItem {
  readonly batchOperationKey: string;
  /** The process instance key, or the incident key of a RESOLVE_INCIDENT item. */
  readonly itemKey: string;
  readonly processInstanceKey: string;
  readonly state: BatchOperationItemState;
  /** ISO-8601, once the item is no longer ACTIVE. */
  readonly processedDate?: string;
  readonly errorMessage?: string;
}

/** What became of an item. */
export interface BatchItemOutcome {
  readonly state: Exclude<BatchOperationItemState, 'ACTIVE'>;
  readonly processedDate: string;
  readonly errorMessage?: string;
}

/** How far an operation is: its items, those completed and those failed. */
export interface BatchOperationCounts {
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
}

export interface BatchOperationFilter {
  readonly batchOperationKey?: string;
  readonly batchOperationType?: string;
  readonly state?: string;
}

export interface BatchOperationItemFilter {
  readonly batchOperationKey?: string;
  readonly itemKey?: string;
  readonly processInstanceKey?: string;
  readonly state?: string;
}

export interface BatchOperationStore {
  /**
   * Stores a new operation with its items, all ACTIVE: the items first, so that an operation is
   * never found without them.
   */
  create(operation: BatchOperationRecord, items: readonly BatchOperationItem[]): Promise<void>;
  get(batchOperationKey: string): Promise<BatchOperationRecord | undefined>;
  /** Matching operations; sort fields are the record's (default: by key). */
  search(
    filter: BatchOperationFilter,
    sort?: readonly SortRequest[],
    page?: PageRequest,
  ): Promise<Page<BatchOperationRecord>>;
  counts(batchOperationKey: string): Promise<BatchOperationCounts>;
  /** Matching items; sort fields are the item's (default: by operation, then item key). */
  searchItems(
    filter: BatchOperationItemFilter,
    sort?: readonly SortRequest[],
    page?: PageRequest,
  ): Promise<Page<BatchOperationItem>>;
  /** Up to `limit` items of the operation that are still ACTIVE. */
  pendingItems(batchOperationKey: string, limit: number): Promise<readonly BatchOperationItem[]>;
  /**
   * Records an item's outcome. A COMPLETED or FAILED item keeps the outcome it has (a driver after a
   * takeover); a CANCELED one takes it, since its command was in flight when the operation was canceled.
   */
  finishItem(batchOperationKey: string, itemKey: string, outcome: BatchItemOutcome): Promise<void>;
  /** Every item of the operation still ACTIVE gets this outcome (a canceled operation's rest). */
  finishPendingItems(batchOperationKey: string, outcome: BatchItemOutcome): Promise<void>;
  /**
   * Moves the operation to `state` if it is in one of `from` (with an end date for a final state);
   * whether it moved.
   */
  transition(
    batchOperationKey: string,
    from: readonly BatchOperationState[],
    change: { readonly state: BatchOperationState; readonly endDate?: string },
  ): Promise<boolean>;
  /**
   * Takes or renews the lease to drive the operation: granted when no replica holds it, when its
   * holder's lease ended before `now`, or when `replicaId` holds it already. Whether it was granted.
   */
  claimDriver(batchOperationKey: string, replicaId: string, now: number, leaseMs: number): Promise<boolean>;
  /** The operations in a driven state (CREATED, ACTIVE): what a replica may have to take over. */
  unfinished(): Promise<readonly BatchOperationRecord[]>;
}

/** The default order of items: by operation, then by item key (keys compare as numbers). */
export const defaultItemSort: readonly SortRequest[] = [{ field: 'batchOperationKey' }, { field: 'itemKey' }];

/** The default order of operations: by key. */
export const defaultOperationSort: readonly SortRequest[] = [{ field: 'batchOperationKey' }];

export function matchesBatchOperationFilter(
  operation: BatchOperationRecord,
  filter: BatchOperationFilter,
): boolean {
  return (
    (filter.batchOperationKey === undefined || operation.batchOperationKey === filter.batchOperationKey) &&
    (filter.batchOperationType === undefined || operation.batchOperationType === filter.batchOperationType) &&
    (filter.state === undefined || operation.state === filter.state)
  );
}

export function matchesBatchItemFilter(item: BatchOperationItem, filter: BatchOperationItemFilter): boolean {
  return (
    (filter.batchOperationKey === undefined || item.batchOperationKey === filter.batchOperationKey) &&
    (filter.itemKey === undefined || item.itemKey === filter.itemKey) &&
    (filter.processInstanceKey === undefined || item.processInstanceKey === filter.processInstanceKey) &&
    (filter.state === undefined || item.state === filter.state)
  );
}

/** Whether a replica may take the operation's lease now. */
export function driverLeaseFree(operation: BatchOperationRecord, replicaId: string, now: number): boolean {
  const holder = operation.driver;
  return holder === undefined || holder.replicaId === replicaId || holder.until < now;
}
