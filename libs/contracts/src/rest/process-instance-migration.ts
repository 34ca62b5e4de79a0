// POST /v2/process-instances/{processInstanceKey}/migration (Camunda 8.8 REST v2): move one running
// instance to another process definition, its active elements mapped source → target. Baton adds
// POST …/migration/dry-run with the same body: the plan of what the migration would do, nothing
// changed (Camunda 8.8 has no dry run).
import { z } from 'zod';
import { keySchema } from '../json';

export const migrateProcessInstanceRequestSchema = z.object({
  /** The process definition (any process, any version) the instance moves to. */
  targetProcessDefinitionKey: keySchema,
  /**
   * Each active element's target; an element id appears as source at most once. Empty is accepted:
   * the engine then names every active element that lacks a mapping.
   */
  mappingInstructions: z.array(
    z.object({ sourceElementId: z.string().min(1), targetElementId: z.string().min(1) }),
  ),
  /** Accepted and ignored, as for the other operations. */
  operationReference: z.number().int().min(1).optional(),
});
export type MigrateProcessInstanceRequest = z.infer<typeof migrateProcessInstanceRequestSchema>;

/** One active element instance and the element it would become (its key stays). */
export const elementInstanceMigrationSchema = z.object({
  elementInstanceKey: keySchema,
  /** Baton's element type: `serviceTask`, `userTask`, `subProcess`, `multiInstanceBody`, … */
  elementType: z.string(),
  sourceElementId: z.string(),
  targetElementId: z.string(),
});

/**
 * What happens to one event an element instance waits for (a boundary event, an event subprocess
 * start, an event after an event-based gateway): MIGRATE keeps its subscription or timer (mapped),
 * CLOSE withdraws it (its source event unmapped), OPEN subscribes the target's unmapped event anew.
 */
export const catchEventMigrationSchema = z.object({
  /** The element instance that waits for the event. */
  elementInstanceKey: keySchema,
  action: z.enum(['MIGRATE', 'CLOSE', 'OPEN']),
  sourceElementId: z.string().optional(),
  targetElementId: z.string().optional(),
});

export const migrationDryRunResponseSchema = z.object({
  processInstanceKey: keySchema,
  sourceProcessDefinitionKey: keySchema,
  targetProcessDefinitionKey: keySchema,
  targetProcessDefinitionId: z.string(),
  targetProcessDefinitionVersion: z.number().int(),
  /** Every active element instance, outermost first; the process instance itself is not listed. */
  elementInstances: z.array(elementInstanceMigrationSchema),
  catchEvents: z.array(catchEventMigrationSchema),
  /** Arrivals waiting at a joining gateway, and the gateway and incoming flow they count for in the target. */
  joinArrivals: z.array(
    z.object({
      sourceElementId: z.string(),
      targetElementId: z.string(),
      sourceFlowId: z.string().optional(),
      targetFlowId: z.string().optional(),
    }),
  ),
});
export type MigrationDryRunResponse = z.infer<typeof migrationDryRunResponseSchema>;
