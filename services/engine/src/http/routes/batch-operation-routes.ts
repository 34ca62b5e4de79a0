// Batch operations (Camunda 8.8 REST v2): created over a process instance filter — cancellation,
// incident resolution, modification (move instructions), migration — answered with the operation's
// key at once while its items are applied in the background; read back with their progress;
// suspended, resumed and canceled. Operator business throughout.
import {
  batchOperationActionRequestSchema,
  batchOperationCreatedSchema,
  batchOperationItemSearchRequestSchema,
  batchOperationItemSearchResponseSchema,
  batchOperationSchema,
  batchOperationSearchRequestSchema,
  batchOperationSearchResponseSchema,
  processInstanceCancellationBatchRequestSchema,
  processInstanceIncidentResolutionBatchRequestSchema,
  processInstanceMigrationBatchRequestSchema,
  processInstanceModificationBatchRequestSchema,
  type BatchOperationDto,
  type BatchOperationItemDto,
} from '@baton/contracts';
import type { BatchOperationItem, SortRequest } from '@baton/store';
import type { BatchOperationView, CreatedBatchOperation } from '../../batch-operation-service';
import type { EngineService } from '../../engine-service';
import { instanceFilterOf } from '../instance-search-filter';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

function toBatchOperationDto(operation: BatchOperationView): BatchOperationDto {
  return {
    batchOperationKey: operation.batchOperationKey,
    state: operation.state,
    batchOperationType: operation.batchOperationType,
    startDate: operation.startDate,
    ...(operation.endDate !== undefined ? { endDate: operation.endDate } : {}),
    operationsTotalCount: operation.counts.total,
    operationsFailedCount: operation.counts.failed,
    operationsCompletedCount: operation.counts.completed,
    errors: [...(operation.errors ?? [])],
  };
}

function toItemDto(
  item: BatchOperationItem,
  operationType: BatchOperationDto['batchOperationType'],
): BatchOperationItemDto {
  return {
    operationType,
    batchOperationKey: item.batchOperationKey,
    itemKey: item.itemKey,
    processInstanceKey: item.processInstanceKey,
    state: item.state,
    ...(item.processedDate !== undefined ? { processedDate: item.processedDate } : {}),
    ...(item.errorMessage !== undefined ? { errorMessage: item.errorMessage } : {}),
  };
}

/** A basic filter property: the value, or `{ "$eq": value }`. */
function exact<T>(property: T | { readonly $eq: T } | undefined): T | undefined {
  return property !== null && typeof property === 'object' && '$eq' in property ? property.$eq : property;
}

/** The request's sort with the store's field names (`operationType` is the record's `batchOperationType`). */
function sortOf(
  sort: readonly { readonly field: string; readonly order?: string | undefined }[] | undefined,
): SortRequest[] | undefined {
  return sort?.map(({ field, order }) => ({
    field: field === 'operationType' ? 'batchOperationType' : field,
    order: order?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
  }));
}

export function batchOperationRoutes(engine: EngineService): RouteDefinition[] {
  const batches = () => engine.batchOperations();
  const created = (operation: CreatedBatchOperation) => ({
    batchOperationKey: operation.batchOperationKey,
    batchOperationType: operation.batchOperationType,
  });
  return [
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/cancellation',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Creates a batch operation that cancels every ACTIVE root instance the filter selects (a call activity’s child ends with its root); answers its key at once, the instances are canceled in the background.',
      body: processInstanceCancellationBatchRequestSchema,
      response: { status: 200, schema: batchOperationCreatedSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        res.json(created(await batches().cancelProcessInstances(instanceFilterOf(body.filter))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/incident-resolution',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Creates a batch operation that resolves every ACTIVE incident of the ACTIVE instances the filter selects (one item per incident); a job out of retries needs its retries raised for its incident to stay resolved.',
      body: processInstanceIncidentResolutionBatchRequestSchema,
      response: { status: 200, schema: batchOperationCreatedSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        res.json(created(await batches().resolveIncidents(instanceFilterOf(body.filter))));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/modification',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Creates a batch operation that applies move instructions to every ACTIVE instance the filter selects: each active instance of a source element is terminated and one of its target activated, in one modification per instance; an instance with no active source is left as it is.',
      body: processInstanceModificationBatchRequestSchema,
      response: { status: 200, schema: batchOperationCreatedSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        res.json(
          created(
            await batches().modifyProcessInstances(instanceFilterOf(body.filter), body.moveInstructions),
          ),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/migration',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Creates a batch operation that migrates every ACTIVE instance the filter selects to migrationPlan.targetProcessDefinitionKey with its mappingInstructions, each as POST /v2/process-instances/{key}/migration would: an instance the plan does not fit is a FAILED item naming why, and stays as it was.',
      body: processInstanceMigrationBatchRequestSchema,
      response: { status: 200, schema: batchOperationCreatedSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        res.json(
          created(await batches().migrateProcessInstances(instanceFilterOf(body.filter), body.migrationPlan)),
        );
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/batch-operations/search',
      access: 'operator',
      tag: 'Batch operation',
      summary: 'Searches batch operations by key, type and state, with their progress; paged and sorted.',
      body: batchOperationSearchRequestSchema,
      response: { status: 200, schema: batchOperationSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const batchOperationKey = exact(filter.batchOperationKey);
        const batchOperationType = exact(filter.operationType);
        const state = exact(filter.state);
        const page = await batches().searchBatchOperations({
          filter: {
            ...(batchOperationKey !== undefined ? { batchOperationKey } : {}),
            ...(batchOperationType !== undefined ? { batchOperationType } : {}),
            ...(state !== undefined ? { state } : {}),
          },
          ...(body.sort ? { sort: sortOf(body.sort) } : {}),
          ...(body.page ? { page: body.page } : {}),
        });
        res.json({ items: page.items.map(toBatchOperationDto), page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/batch-operations/:batchOperationKey',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'A batch operation with its state and progress: items in total, completed and failed (an item the engine rejected).',
      response: { status: 200, schema: batchOperationSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const operation = await batches().getBatchOperation(pathKey(req.params, 'batchOperationKey'));
        res.json(toBatchOperationDto(operation));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/batch-operations/:batchOperationKey/suspension',
      access: 'operator',
      tag: 'Batch operation',
      summary: 'Suspends a CREATED or ACTIVE batch operation: the items in flight finish, no other starts.',
      body: batchOperationActionRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await batches().suspendBatchOperation(pathKey(req.params, 'batchOperationKey'));
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/batch-operations/:batchOperationKey/resumption',
      access: 'operator',
      tag: 'Batch operation',
      summary: 'Resumes a SUSPENDED batch operation: its remaining items are applied.',
      body: batchOperationActionRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await batches().resumeBatchOperation(pathKey(req.params, 'batchOperationKey'));
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/batch-operations/:batchOperationKey/cancellation',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Cancels a batch operation that has not ended: its remaining items are CANCELED; what was applied stays applied.',
      body: batchOperationActionRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await batches().cancelBatchOperation(pathKey(req.params, 'batchOperationKey'));
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/batch-operation-items/search',
      access: 'operator',
      tag: 'Batch operation',
      summary:
        'Searches the items of batch operations by operation, item key, instance and state: what became of each (processedDate, errorMessage); paged and sorted.',
      body: batchOperationItemSearchRequestSchema,
      response: { status: 200, schema: batchOperationItemSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const batchOperationKey = exact(filter.batchOperationKey);
        const itemKey = exact(filter.itemKey);
        const processInstanceKey = exact(filter.processInstanceKey);
        const state = exact(filter.state);
        const page = await batches().searchBatchOperationItems({
          filter: {
            ...(batchOperationKey !== undefined ? { batchOperationKey } : {}),
            ...(itemKey !== undefined ? { itemKey } : {}),
            ...(processInstanceKey !== undefined ? { processInstanceKey } : {}),
            ...(state !== undefined ? { state } : {}),
          },
          ...(body.sort ? { sort: sortOf(body.sort) } : {}),
          ...(body.page ? { page: body.page } : {}),
        });
        // Items do not repeat their operation's type: read once per operation of the page.
        const keys = [...new Set(page.items.map((item) => item.batchOperationKey))];
        const operations = await Promise.all(keys.map((key) => batches().getBatchOperation(key)));
        const typeOf = new Map(
          operations.map((operation) => [operation.batchOperationKey, operation.batchOperationType]),
        );
        res.json({
          items: page.items.flatMap((item) => {
            const operationType = typeOf.get(item.batchOperationKey);
            return operationType ? [toItemDto(item, operationType)] : [];
          }),
          page: { totalItems: page.totalItems },
        });
      },
    }),
  ];
}
