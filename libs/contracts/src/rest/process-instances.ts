// Process instance bodies: create (optionally awaiting the result), get, search and cancel,
// in the Camunda 8 REST API v2 shapes plus Baton's token view (FLOWX tokens, DESIGN §1).
import { z } from 'zod';
import { startInstructionSchema } from '../commands';
import { keySchema, variablesSchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import {
  dateTimeSchema,
  pageRequestSchema,
  int64Field,
  requestTimeoutSchema,
  searchResponseSchema,
  sortRequestSchema,
  tenantIdRequestSchema,
} from './common';

export const processInstanceStateSchema = z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']);

/** FLOWX inherit: copy the root variables of an instance: all, only `paramsToCopy`, or all but `withoutParams`. */
export const inheritFromSchema = z
  .object({
    processInstanceKey: keySchema,
    paramsToCopy: z.array(z.string()).optional(),
    withoutParams: z.array(z.string()).optional(),
  })
  .refine((inherit) => inherit.paramsToCopy === undefined || inherit.withoutParams === undefined, {
    message: 'name either paramsToCopy or withoutParams, not both',
    path: ['paramsToCopy'],
  });
export type InheritFrom = z.infer<typeof inheritFromSchema>;

export const createProcessInstanceRequestSchema = z
  .object({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionKey: keySchema.optional(),
    /** -1 or absent: the latest version. */
    processDefinitionVersion: z.number().int().min(-1).optional(),
    variables: requestVariablesSchema.nullish(),
    /** Start before/after elements or on sequence flows instead of at the start event, in order. */
    startInstructions: z.array(startInstructionSchema).optional(),
    /** FLOWX: picks the none start event whose `baton:startCondition` FEEL holds. */
    startCondition: z.string().optional(),
    /** FLOWX: start with the root variables of another instance; `variables` win over them. */
    inheritFrom: inheritFromSchema.optional(),
    awaitCompletion: z.boolean().optional(),
    /**
     * Answer once the instance first waits (every token at a job, user task, message or timer
     * catch, call activity) or has ended, with its variables (Camunda 7 executeWithVariablesInReturn).
     */
    awaitWaitState: z.boolean().optional(),
    fetchVariables: z.array(z.string()).optional(),
    /** Milliseconds an awaiting caller waits; 0 or absent: the server default. */
    requestTimeout: int64Field(requestTimeoutSchema.min(0)).optional(),
    /** Baton: a business key for the instance. */
    businessKey: z.string().optional(),
    /**
     * Idempotent creation: while an ACTIVE instance of the process has this business id, the
     * request answers 409 ALREADY_EXISTS with that instance's `processInstanceKey`.
     */
    businessId: z.string().min(1).max(256).optional(),
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
  /** Present (true) while the instance is suspended (PUT /v2/process-instances/{key}/suspension). */
  suspended: z.boolean().optional(),
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

/** A variable value as JSON text, as Camunda 8 filters take it: `"\"Nice Pizza Inc.\""`, `"42"`. */
const jsonTextSchema = z.string().refine(
  (text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be the JSON text of a value, e.g. "\\"Nice Pizza Inc.\\"" or "42"' },
);

const dateTimeTextSchema = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), { message: 'must be an ISO-8601 date-time' });

/** A range of date-times: `{ "$gte": "2026-01-01T00:00:00Z", "$lt": "…" }`. */
export const dateTimeFilterSchema = z
  .strictObject({
    $gt: dateTimeTextSchema.optional(),
    $gte: dateTimeTextSchema.optional(),
    $lt: dateTimeTextSchema.optional(),
    $lte: dateTimeTextSchema.optional(),
  })
  .refine((range) => Object.keys(range).length > 0, { message: 'name at least one of $gt, $gte, $lt, $lte' });

/**
 * Longest `$like` pattern, characters. Matching is linear in the value's length (no regular
 * expression is built from it in memory); the bound keeps the pattern's own share small too.
 */
export const maxLikePatternChars = 256;

/** A condition on a variable's value: its JSON text (equality), or one operator. */
export const variableValueFilterSchema = z.union([
  jsonTextSchema,
  z
    .strictObject({
      $eq: jsonTextSchema.optional(),
      $neq: jsonTextSchema.optional(),
      $gt: jsonTextSchema.optional(),
      $gte: jsonTextSchema.optional(),
      $lt: jsonTextSchema.optional(),
      $lte: jsonTextSchema.optional(),
      /** `*` matches any characters of the value's JSON text: `"\"Nice*\""`. */
      $like: z
        .string()
        .max(maxLikePatternChars, { message: `must be at most ${maxLikePatternChars} characters` })
        .optional(),
      $exists: z.boolean().optional(),
      $in: z.array(jsonTextSchema).optional(),
    })
    .refine((operators) => Object.keys(operators).length > 0, { message: 'name an operator' }),
]);

export const processInstanceSearchRequestSchema = z.object({
  filter: z
    .object({
      processInstanceKey: keySchema.optional(),
      processDefinitionId: z.string().optional(),
      processDefinitionKey: keySchema.optional(),
      processDefinitionVersion: z.number().int().min(1).optional(),
      state: processInstanceStateSchema.optional(),
      hasIncident: z.boolean().optional(),
      businessKey: z.string().optional(),
      /** Children of this instance (call activities). */
      parentProcessInstanceKey: keySchema.optional(),
      startDate: dateTimeFilterSchema.optional(),
      endDate: dateTimeFilterSchema.optional(),
      /** Every condition holds, on the root scope's variables. */
      variables: z.array(z.object({ name: z.string(), value: variableValueFilterSchema })).optional(),
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
