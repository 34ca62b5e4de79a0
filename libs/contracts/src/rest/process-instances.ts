// Process instance bodies: create (optionally awaiting the result), get, search and cancel,
// in the Camunda 8 REST API v2 shapes plus Baton's token view (FLOWX tokens, DESIGN §1).
import { z } from 'zod';
import { keySchema, variablesSchema } from '../json';
import {
  dateTimeSchema,
  pageRequestSchema,
  searchResponseSchema,
  sortRequestSchema,
  tenantIdRequestSchema,
} from './common';

export const processInstanceStateSchema = z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']);

export const createProcessInstanceRequestSchema = z
  .object({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionKey: keySchema.optional(),
    /** -1 or absent: the latest version. */
    processDefinitionVersion: z.number().int().min(-1).optional(),
    variables: variablesSchema.nullish(),
    startInstructions: z.array(z.object({ elementId: z.string().min(1) })).optional(),
    awaitCompletion: z.boolean().optional(),
    fetchVariables: z.array(z.string()).optional(),
    /** Milliseconds an awaiting caller waits; 0 or absent: the server default. */
    requestTimeout: z.number().int().min(0).optional(),
    /** Baton: a business key for the instance. */
    businessKey: z.string().optional(),
    tenantId: tenantIdRequestSchema,
  })
  .refine((body) => body.processDefinitionId !== undefined || body.processDefinitionKey !== undefined, {
    message: 'one of processDefinitionId or processDefinitionKey is required',
    path: ['processDefinitionId'],
  });
export type CreateProcessInstanceRequestBody = z.infer<typeof createProcessInstanceRequestSchema>;

export const createProcessInstanceResponseSchema = z.object({
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  processInstanceKey: keySchema,
  tenantId: z.string(),
  /** `{}` unless the request awaited completion. */
  variables: variablesSchema,
});
export type CreateProcessInstanceResponse = z.infer<typeof createProcessInstanceResponseSchema>;

/** A process instance as Camunda 8.8's search and get answer it. */
export const processInstanceSummarySchema = z.object({
  processInstanceKey: keySchema,
  processDefinitionId: z.string(),
  processDefinitionKey: keySchema,
  processDefinitionVersion: z.number().int(),
  processDefinitionName: z.string().optional(),
  state: processInstanceStateSchema,
  startDate: dateTimeSchema,
  endDate: dateTimeSchema.optional(),
  hasIncident: z.boolean(),
  tenantId: z.string(),
  parentProcessInstanceKey: keySchema.optional(),
  businessKey: z.string().optional(),
});
export type ProcessInstanceSummary = z.infer<typeof processInstanceSummarySchema>;

export const tokenStateSchema = z.enum(['ACTIVE', 'ON_HOLD', 'INACTIVE', 'COMPLETED', 'TERMINATED']);

/** One FLOWX-style token: a parallel split puts the parent ON_HOLD and runs a child per branch. */
export const tokenSchema = z.object({
  tokenKey: keySchema,
  parentTokenKey: keySchema.nullable(),
  elementId: z.string(),
  state: tokenStateSchema,
});

/** GET /v2/process-instances/{key}: Camunda's fields plus Baton's root variables and tokens. */
export const processInstanceDetailSchema = processInstanceSummarySchema.extend({
  /** The root scope's variables. */
  variables: variablesSchema,
  /** Ids of the elements with an active element instance. */
  activeElementIds: z.array(z.string()),
  tokens: z.array(tokenSchema),
});
export type ProcessInstanceDetail = z.infer<typeof processInstanceDetailSchema>;

export const processInstanceSearchRequestSchema = z.object({
  filter: z
    .object({
      processInstanceKey: keySchema.optional(),
      processDefinitionId: z.string().optional(),
      processDefinitionKey: keySchema.optional(),
      state: processInstanceStateSchema.optional(),
      hasIncident: z.boolean().optional(),
      tenantId: tenantIdRequestSchema,
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortRequestSchema.optional(),
});
export type ProcessInstanceSearchRequest = z.infer<typeof processInstanceSearchRequestSchema>;

export const processInstanceSearchResponseSchema = searchResponseSchema(processInstanceSummarySchema);
export type ProcessInstanceSearchResponse = z.infer<typeof processInstanceSearchResponseSchema>;

/** POST /v2/process-instances/{key}/cancellation; `operationReference` is accepted and ignored. */
export const cancelProcessInstanceRequestSchema = z.object({
  operationReference: z.number().int().optional(),
});
