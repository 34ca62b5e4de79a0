// Batch operations (Camunda 8.8): a creation selects its items at once — the ACTIVE instances the
// filter matches (for a cancellation only root instances, as Zeebe's item query; for an incident
// resolution their ACTIVE incidents) — stores the operation with them and hands it to this
// replica's driver (runtime/batch-operation-driver.ts), which applies them in the background.
// Reads count the items; suspension, resumption and cancellation move the operation's state, which
// the driver reads before each chunk.
import { BatonError } from '@baton/contracts';
import type {
  BatchMigrationPlan,
  BatchMoveInstruction,
  BatchOperationFilter,
  BatchOperationItem,
  BatchOperationItemFilter,
  BatchOperationRecord,
  BatchOperationState,
  BatchOperationStore,
  BatchOperationType,
  InstanceDocument,
  InstanceFilter,
  InstanceStore,
  Page,
} from '@baton/store';
import type {
  BatchOperationQuery,
  BatchOperationService,
  BatchOperationView,
  CreatedBatchOperation,
} from '../batch-operation-service';
import { batchOperationNotFound } from '../errors';

export interface BatchOperationsFacadeOptions {
  readonly store: BatchOperationStore;
  readonly instances: Pick<InstanceStore, 'search'>;
  readonly nextKey: () => string;
  /** The engine clock: start and end dates. */
  readonly clock: () => number;
  /** Starts applying a stored operation's items on this replica. */
  readonly drive: (batchOperationKey: string) => void;
  /**
   * Most items one operation takes; a filter that selects more makes the operation FAILED with
   * RESULT_BUFFER_SIZE_EXCEEDED and nothing applied (Camunda's error type for it).
   * @default 10000
   */
  readonly maxItems?: number;
}

/** Instances read per page while selecting items. */
const SELECTION_PAGE = 1000;

export class BatchOperationsFacade implements BatchOperationService {
  constructor(private readonly options: BatchOperationsFacadeOptions) {}

  async cancelProcessInstances(filter: InstanceFilter): Promise<CreatedBatchOperation> {
    const selection = await this.activeInstances(filter);
    return this.create('CANCEL_PROCESS_INSTANCE', selection, (instances) =>
      instances
        .filter((instance) => instance.parentProcessInstanceKey === undefined)
        .map((instance) => itemOf(instance.processInstanceKey, instance.processInstanceKey)),
    );
  }

  async resolveIncidents(filter: InstanceFilter): Promise<CreatedBatchOperation> {
    const selection = await this.activeInstances({ ...filter, hasIncident: true });
    return this.create('RESOLVE_INCIDENT', selection, (instances) =>
      instances.flatMap((instance) =>
        Object.values(instance.incidents)
          .filter((incident) => incident.state === 'ACTIVE')
          .map((incident) => itemOf(incident.incidentKey, instance.processInstanceKey)),
      ),
    );
  }

  async modifyProcessInstances(
    filter: InstanceFilter,
    moveInstructions: readonly BatchMoveInstruction[],
  ): Promise<CreatedBatchOperation> {
    const selection = await this.activeInstances(filter);
    return this.create(
      'MODIFY_PROCESS_INSTANCE',
      selection,
      (instances) =>
        instances.map((instance) => itemOf(instance.processInstanceKey, instance.processInstanceKey)),
      { moveInstructions: [...moveInstructions] },
    );
  }

  async migrateProcessInstances(
    filter: InstanceFilter,
    migrationPlan: BatchMigrationPlan,
  ): Promise<CreatedBatchOperation> {
    const selection = await this.activeInstances(filter);
    return this.create(
      'MIGRATE_PROCESS_INSTANCE',
      selection,
      (instances) =>
        instances.map((instance) => itemOf(instance.processInstanceKey, instance.processInstanceKey)),
      { migrationPlan },
    );
  }

  async getBatchOperation(batchOperationKey: string): Promise<BatchOperationView> {
    const operation = await this.options.store.get(batchOperationKey);
    if (!operation) throw batchOperationNotFound(batchOperationKey);
    return this.view(operation);
  }

  async searchBatchOperations(
    query: BatchOperationQuery<BatchOperationFilter>,
  ): Promise<Page<BatchOperationView>> {
    const page = await this.options.store.search(query.filter ?? {}, query.sort, query.page);
    return {
      items: await Promise.all(page.items.map((operation) => this.view(operation))),
      totalItems: page.totalItems,
    };
  }

  searchBatchOperationItems(
    query: BatchOperationQuery<BatchOperationItemFilter>,
  ): Promise<Page<BatchOperationItem>> {
    return this.options.store.searchItems(query.filter ?? {}, query.sort, query.page);
  }

  async suspendBatchOperation(batchOperationKey: string): Promise<void> {
    await this.move(batchOperationKey, ['CREATED', 'ACTIVE'], 'SUSPENDED', 'suspend');
  }

  async resumeBatchOperation(batchOperationKey: string): Promise<void> {
    await this.move(batchOperationKey, ['SUSPENDED'], 'ACTIVE', 'resume');
    this.options.drive(batchOperationKey);
  }

  async cancelBatchOperation(batchOperationKey: string): Promise<void> {
    const endDate = this.isoNow();
    await this.move(batchOperationKey, ['CREATED', 'ACTIVE', 'SUSPENDED'], 'CANCELED', 'cancel', endDate);
    await this.options.store.finishPendingItems(batchOperationKey, {
      state: 'CANCELED',
      processedDate: endDate,
    });
  }

  /** The ACTIVE instances the filter matches, in key order, or undefined when there are too many. */
  private async activeInstances(filter: InstanceFilter): Promise<readonly InstanceDocument[] | undefined> {
    // Camunda adds `state = ACTIVE` to the caller's filter: another state named selects nothing.
    if (filter.state !== undefined && filter.state !== 'ACTIVE') return [];
    const maxItems = this.options.maxItems ?? 10_000;
    const selected: InstanceDocument[] = [];
    for (let from = 0; ; from += SELECTION_PAGE) {
      const page = await this.options.instances.search({
        filter: { ...filter, state: 'ACTIVE' },
        page: { from, limit: SELECTION_PAGE },
        sort: [{ field: 'processInstanceKey' }],
      });
      if (page.totalItems > maxItems) return undefined;
      selected.push(...page.items);
      if (page.items.length < SELECTION_PAGE || selected.length >= page.totalItems) return selected;
    }
  }

  private async create(
    batchOperationType: BatchOperationType,
    selection: readonly InstanceDocument[] | undefined,
    itemsOf: (instances: readonly InstanceDocument[]) => Omit<BatchOperationItem, 'batchOperationKey'>[],
    parameters: Pick<BatchOperationRecord, 'moveInstructions' | 'migrationPlan'> = {},
  ): Promise<CreatedBatchOperation> {
    const batchOperationKey = this.options.nextKey();
    const startDate = this.isoNow();
    const operation: BatchOperationRecord = {
      batchOperationKey,
      batchOperationType,
      state: 'CREATED',
      startDate,
      ...parameters,
    };
    if (selection === undefined) {
      await this.options.store.create(
        {
          ...operation,
          state: 'FAILED',
          endDate: startDate,
          errors: [
            {
              type: 'RESULT_BUFFER_SIZE_EXCEEDED',
              message: `The filter selects more than ${this.options.maxItems ?? 10_000} items; narrow it.`,
            },
          ],
        },
        [],
      );
      return { batchOperationKey, batchOperationType };
    }
    const items = itemsOf(selection).map((item) => ({ ...item, batchOperationKey }));
    await this.options.store.create(operation, items);
    this.options.drive(batchOperationKey);
    return { batchOperationKey, batchOperationType };
  }

  private async view(operation: BatchOperationRecord): Promise<BatchOperationView> {
    return { ...operation, counts: await this.options.store.counts(operation.batchOperationKey) };
  }

  private async move(
    batchOperationKey: string,
    from: readonly BatchOperationState[],
    to: BatchOperationState,
    action: string,
    endDate?: string,
  ): Promise<void> {
    const moved = await this.options.store.transition(batchOperationKey, from, {
      state: to,
      ...(endDate !== undefined ? { endDate } : {}),
    });
    if (moved) return;
    const operation = await this.options.store.get(batchOperationKey);
    if (!operation) throw batchOperationNotFound(batchOperationKey);
    throw new BatonError(
      'INVALID_STATE',
      `Expected to ${action} batch operation with key '${batchOperationKey}', but it is ${operation.state}; it can be done only while ${from.join(' or ')}.`,
    );
  }

  private isoNow(): string {
    return new Date(this.options.clock()).toISOString();
  }
}

function itemOf(itemKey: string, processInstanceKey: string): Omit<BatchOperationItem, 'batchOperationKey'> {
  return { itemKey, processInstanceKey, state: 'ACTIVE' };
}
