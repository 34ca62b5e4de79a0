// The batch operations of the engine service (Camunda 8.8): create one over an instance filter —
// cancel instances, resolve their incidents, move their tokens — read operations and their items
// with their progress, and suspend, resume or cancel one. The facade is facades/batch-operations.ts;
// the items are applied in the background by runtime/batch-operation-driver.ts.
import type {
  BatchMigrationPlan,
  BatchMoveInstruction,
  BatchOperationCounts,
  BatchOperationFilter,
  BatchOperationItem,
  BatchOperationItemFilter,
  BatchOperationRecord,
  BatchOperationType,
  InstanceFilter,
  Page,
  PageRequest,
  SortRequest,
} from '@baton/store';

export interface CreatedBatchOperation {
  readonly batchOperationKey: string;
  readonly batchOperationType: BatchOperationType;
}

/** An operation as it is read: the stored record with its items counted. */
export interface BatchOperationView extends BatchOperationRecord {
  readonly counts: BatchOperationCounts;
}

export interface BatchOperationQuery<Filter> {
  readonly filter?: Filter;
  readonly sort?: readonly SortRequest[];
  readonly page?: PageRequest;
}

export interface BatchOperationService {
  /** Cancels every ACTIVE root instance the filter selects (a call activity's child ends with its root). */
  cancelProcessInstances(filter: InstanceFilter): Promise<CreatedBatchOperation>;
  /** Resolves every ACTIVE incident of the ACTIVE instances the filter selects. */
  resolveIncidents(filter: InstanceFilter): Promise<CreatedBatchOperation>;
  /** Applies the moves to every ACTIVE instance the filter selects. */
  modifyProcessInstances(
    filter: InstanceFilter,
    moveInstructions: readonly BatchMoveInstruction[],
  ): Promise<CreatedBatchOperation>;
  /**
   * Migrates every ACTIVE instance the filter selects, each as one MIGRATE_INSTANCE (an instance
   * the plan does not fit is a FAILED item with the engine's reason).
   */
  migrateProcessInstances(
    filter: InstanceFilter,
    migrationPlan: BatchMigrationPlan,
  ): Promise<CreatedBatchOperation>;
  /** NOT_FOUND for an unknown key. */
  getBatchOperation(batchOperationKey: string): Promise<BatchOperationView>;
  searchBatchOperations(query: BatchOperationQuery<BatchOperationFilter>): Promise<Page<BatchOperationView>>;
  searchBatchOperationItems(
    query: BatchOperationQuery<BatchOperationItemFilter>,
  ): Promise<Page<BatchOperationItem>>;
  /** Stops applying items after those in flight; INVALID_STATE unless CREATED or ACTIVE. */
  suspendBatchOperation(batchOperationKey: string): Promise<void>;
  /** Applies the remaining items again; INVALID_STATE unless SUSPENDED. */
  resumeBatchOperation(batchOperationKey: string): Promise<void>;
  /** Ends the operation; its remaining items are CANCELED (what was applied stays). INVALID_STATE once ended. */
  cancelBatchOperation(batchOperationKey: string): Promise<void>;
}
