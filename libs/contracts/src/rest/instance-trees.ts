// The two trees of a running instance: Camunda 7's activity-instance tree
// (GET /v2/process-instances/{key}/activity-instances) and the FLOWX token tree
// (GET /v2/process-instances/{key}/executions).
import { z } from 'zod';
import { keySchema } from '../json';
import { tokenStateSchema } from './process-instances';

export interface ActivityInstanceNode {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  /** Camunda 7's type names: `processDefinition` (root), `userTask`, `subProcess`, `multiInstanceBody`, … */
  activityType: string;
  activityName: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  /** The tokens (executions) waiting in this activity instance. */
  executionIds: string[];
  incidentIds: string[];
  childActivityInstances: ActivityInstanceNode[];
  /** Camunda 7 lists executions waiting in asynchronous continuations here; Baton has none. */
  childTransitionInstances: never[];
}

/** One node of the activity-instance tree; the root is the process instance itself. */
export const activityInstanceSchema: z.ZodType<ActivityInstanceNode> = z.lazy(() =>
  z.object({
    id: keySchema,
    parentActivityInstanceId: keySchema.nullable(),
    activityId: z.string(),
    activityType: z.string(),
    activityName: z.string().nullable(),
    processInstanceId: keySchema,
    processDefinitionId: z.string(),
    executionIds: z.array(keySchema),
    incidentIds: z.array(keySchema),
    childActivityInstances: z.array(activityInstanceSchema),
    childTransitionInstances: z.array(z.never()),
  }),
);

export interface ExecutionNode {
  /** The token key. */
  id: string;
  parentId: string | null;
  /** The element the token is at (or last was at). */
  activityId: string;
  state: z.infer<typeof tokenStateSchema>;
  /** The flow scope the token runs in: the process instance or a subprocess instance. */
  scopeActivityInstanceId: string;
  /** The element instance the token is in now, if any. */
  activityInstanceId: string | null;
  childExecutions: ExecutionNode[];
}

/** One FLOWX token with its children (a split's branches, a subprocess's inner tokens). */
export const executionSchema: z.ZodType<ExecutionNode> = z.lazy(() =>
  z.object({
    id: keySchema,
    parentId: keySchema.nullable(),
    activityId: z.string(),
    state: tokenStateSchema,
    scopeActivityInstanceId: keySchema,
    activityInstanceId: keySchema.nullable(),
    childExecutions: z.array(executionSchema),
  }),
);

/** GET /v2/process-instances/{key}/executions: the tokens that started without a parent, with their descendants. */
export const executionTreeSchema = z.object({
  processInstanceKey: keySchema,
  state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
  executions: z.array(executionSchema),
});
export type ExecutionTree = z.infer<typeof executionTreeSchema>;
