// Operator requests on running instances (Camunda 8 REST): finding and resolving incidents,
// setting variables in the scope of an element instance.
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema } from './common';

/** POST /v2/incidents/{incidentKey}/resolution (the body is optional). */
export const resolveIncidentRequestSchema = z.object({
  operationReference: z.number().int().min(1).optional(),
});

/** PUT /v2/element-instances/{elementInstanceKey}/variables. */
export const setVariablesRequestSchema = z.object({
  variables: requestVariablesSchema,
  /** Set in this scope only, instead of propagating to the scope that already has the variable. */
  local: z.boolean().optional(),
  operationReference: z.number().int().min(1).optional(),
});

export const incidentStateSchema = z.enum(['ACTIVE', 'RESOLVED']);

/** An incident with Camunda 8's fields. */
export const incidentSchema = z.object({
  incidentKey: keySchema,
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  errorType: z.string(),
  errorMessage: z.string(),
  elementId: z.string(),
  elementInstanceKey: keySchema,
  jobKey: keySchema.optional(),
  creationTime: dateTimeSchema,
  state: incidentStateSchema,
  tenantId: z.string(),
});
export type IncidentDto = z.infer<typeof incidentSchema>;

/**
 * POST /v2/incidents/search. Without `processInstanceKey`, the instances that have an ACTIVE
 * incident are searched (a resolved incident is found through its instance).
 */
export const incidentSearchRequestSchema = z.object({
  filter: z
    .object({
      processInstanceKey: keySchema.optional(),
      /** The process (every version) or one version of it the incidents' instances run. */
      processDefinitionId: z.string().optional(),
      processDefinitionKey: keySchema.optional(),
      state: incidentStateSchema.optional(),
      errorType: z.string().optional(),
      elementId: z.string().optional(),
      jobKey: keySchema.optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
});

export const incidentSearchResponseSchema = searchResponseSchema(incidentSchema);
