// Batch operations (Camunda 8.8 REST v2): one operation applied to every process instance (or
// incident) a filter selects — POST /v2/process-instances/cancellation, /incident-resolution,
// /modification and /migration answer a batch operation key — and the operations and their items read back with
// their progress, suspended, resumed or canceled under /v2/batch-operations.
import { z } from 'zod';
import { keySchema } from '../json';
import { migrationMappingInstructionSchema } from '../migration-instructions';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema } from './common';
import { processInstanceSearchRequestSchema } from './process-instances';

/** Camunda's batch operation types; Baton runs the first four. */
export const batchOperationTypeSchema = z.enum([
  'CANCEL_PROCESS_INSTANCE',
  'RESOLVE_INCIDENT',
  'MODIFY_PROCESS_INSTANCE',
  'MIGRATE_PROCESS_INSTANCE',
  'DELETE_PROCESS_INSTANCE',
  'ADD_VARIABLE',
  'UPDATE_VARIABLE',
  'DELETE_DECISION_DEFINITION',
  'DELETE_PROCESS_DEFINITION',
]);
export type BatchOperationTypeDto = z.infer<typeof batchOperationTypeSchema>;

export const batchOperationStateSchema = z.enum([
  'CREATED',
  'ACTIVE',
  'SUSPENDED',
  'COMPLETED',
  'PARTIALLY_COMPLETED',
  'CANCELED',
  'FAILED',
]);

export const batchOperationItemStateSchema = z.enum(['ACTIVE', 'COMPLETED', 'SKIPPED', 'CANCELED', 'FAILED']);

/**
 * The process instance filter of a batch: the fields of the instance search, and no others — a
 * field Baton does not know is refused (400) instead of ignored, since ignoring it would widen
 * the selection the operation is applied to.
 */
export const batchProcessInstanceFilterSchema = z.strictObject(
  processInstanceSearchRequestSchema.shape.filter.unwrap().shape,
);
export type BatchProcessInstanceFilter = z.infer<typeof batchProcessInstanceFilterSchema>;

/** POST /v2/process-instances/cancellation: cancels the ACTIVE root instances the filter selects. */
export const processInstanceCancellationBatchRequestSchema = z.object({
  filter: batchProcessInstanceFilterSchema,
});

/** POST /v2/process-instances/incident-resolution: resolves the ACTIVE incidents of the ACTIVE instances selected. */
export const processInstanceIncidentResolutionBatchRequestSchema = z.object({
  filter: batchProcessInstanceFilterSchema,
});

/** A move: every active instance of the source element ends, and one of the target starts for each. */
export const moveInstructionSchema = z.object({
  sourceElementId: z.string().min(1),
  targetElementId: z.string().min(1),
});
export type MoveInstruction = z.infer<typeof moveInstructionSchema>;

/** POST /v2/process-instances/modification: applies the moves to every ACTIVE instance selected. */
export const processInstanceModificationBatchRequestSchema = z.object({
  filter: batchProcessInstanceFilterSchema,
  moveInstructions: z.array(moveInstructionSchema).min(1).max(100),
});

/**
 * POST /v2/process-instances/migration: migrates every ACTIVE instance selected to the target
 * definition, each as POST /v2/process-instances/{key}/migration would.
 */
export const processInstanceMigrationBatchRequestSchema = z.object({
  filter: batchProcessInstanceFilterSchema,
  migrationPlan: z.object({
    targetProcessDefinitionKey: keySchema,
    mappingInstructions: z.array(migrationMappingInstructionSchema).min(1),
  }),
});

/** The answer of every batch creation. */
export const batchOperationCreatedSchema = z.object({
  batchOperationKey: keySchema,
  batchOperationType: batchOperationTypeSchema,
});

/** A batch operation with its progress (Camunda's BatchOperationResponse). */
export const batchOperationSchema = z.object({
  batchOperationKey: keySchema,
  state: batchOperationStateSchema,
  batchOperationType: batchOperationTypeSchema,
  startDate: dateTimeSchema.optional(),
  endDate: dateTimeSchema.optional(),
  operationsTotalCount: z.number().int().min(0),
  operationsFailedCount: z.number().int().min(0),
  operationsCompletedCount: z.number().int().min(0),
  errors: z.array(
    z.object({
      partitionId: z.number().int().optional(),
      type: z.enum(['QUERY_FAILED', 'RESULT_BUFFER_SIZE_EXCEEDED']),
      message: z.string(),
    }),
  ),
});
export type BatchOperationDto = z.infer<typeof batchOperationSchema>;

/** A filter value: the value itself, or `{ "$eq": value }` (Camunda's basic filter property). */
function exactFilter<T extends z.ZodType>(value: T) {
  return z.union([value, z.strictObject({ $eq: value })]);
}

export const batchOperationSearchRequestSchema = z.object({
  filter: z
    .strictObject({
      batchOperationKey: exactFilter(keySchema).optional(),
      operationType: exactFilter(batchOperationTypeSchema).optional(),
      state: exactFilter(batchOperationStateSchema).optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: z
    .array(
      z.object({
        field: z.enum(['batchOperationKey', 'operationType', 'state', 'startDate', 'endDate']),
        order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
      }),
    )
    .max(10)
    .optional(),
});
export type BatchOperationSearchRequest = z.infer<typeof batchOperationSearchRequestSchema>;

export const batchOperationSearchResponseSchema = searchResponseSchema(batchOperationSchema);

/** One item of a batch operation: an instance (or an incident of one) and what became of it. */
export const batchOperationItemSchema = z.object({
  operationType: batchOperationTypeSchema,
  batchOperationKey: keySchema,
  itemKey: keySchema,
  processInstanceKey: keySchema,
  state: batchOperationItemStateSchema,
  processedDate: dateTimeSchema.optional(),
  errorMessage: z.string().optional(),
});
export type BatchOperationItemDto = z.infer<typeof batchOperationItemSchema>;

export const batchOperationItemSearchRequestSchema = z.object({
  filter: z
    .strictObject({
      batchOperationKey: exactFilter(keySchema).optional(),
      itemKey: exactFilter(keySchema).optional(),
      processInstanceKey: exactFilter(keySchema).optional(),
      state: exactFilter(batchOperationItemStateSchema).optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: z
    .array(
      z.object({
        field: z.enum(['batchOperationKey', 'itemKey', 'processInstanceKey', 'state']),
        order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
      }),
    )
    .max(10)
    .optional(),
});
export type BatchOperationItemSearchRequest = z.infer<typeof batchOperationItemSearchRequestSchema>;

export const batchOperationItemSearchResponseSchema = searchResponseSchema(batchOperationItemSchema);

/** POST /v2/batch-operations/{key}/cancellation, /suspension, /resumption: no body is needed. */
export const batchOperationActionRequestSchema = z.object({});
