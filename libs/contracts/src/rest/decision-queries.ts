// Decision queries in the Camunda 8.8 shapes: decision definitions and decision requirements
// (search, get, XML) and decision instances — one per decision evaluated by a business rule task or
// the evaluation API, with its inputs, matched rules and outputs (search, get). Filters are equality
// on the listed fields; sort fields are Camunda's, and an unknown one is a 400.
import { z } from 'zod';
import { keySchema } from '../json';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema } from './common';
import { evaluatedDecisionInputSchema, matchedDecisionRuleSchema } from './decisions';

function sortBy<const Fields extends readonly [string, ...string[]]>(fields: Fields) {
  return z
    .array(z.object({ field: z.enum(fields), order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional() }))
    .max(100);
}

/** A key filter: the key itself, or Camunda's `{ "$eq": key }`. */
const keyFilterSchema = z.union([keySchema, z.object({ $eq: keySchema })]);

export const decisionDefinitionSchema = z.object({
  decisionDefinitionId: z.string(),
  name: z.string(),
  version: z.number().int(),
  decisionRequirementsId: z.string(),
  tenantId: z.string(),
  decisionDefinitionKey: keySchema,
  decisionRequirementsKey: keySchema,
});
export type DecisionDefinitionResponse = z.infer<typeof decisionDefinitionSchema>;

export const decisionDefinitionSearchRequestSchema = z.object({
  filter: z
    .object({
      decisionDefinitionId: z.string().optional(),
      name: z.string().optional(),
      version: z.number().int().optional(),
      decisionRequirementsId: z.string().optional(),
      tenantId: z.string().optional(),
      decisionDefinitionKey: keySchema.optional(),
      decisionRequirementsKey: keySchema.optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortBy([
    'decisionDefinitionKey',
    'decisionDefinitionId',
    'name',
    'version',
    'decisionRequirementsId',
    'decisionRequirementsKey',
    'tenantId',
  ]).optional(),
});
export type DecisionDefinitionSearchRequest = z.infer<typeof decisionDefinitionSearchRequestSchema>;
export const decisionDefinitionSearchResponseSchema = searchResponseSchema(decisionDefinitionSchema);

export const decisionRequirementsSchema = z.object({
  decisionRequirementsName: z.string(),
  version: z.number().int(),
  decisionRequirementsId: z.string(),
  resourceName: z.string(),
  tenantId: z.string(),
  decisionRequirementsKey: keySchema,
});
export type DecisionRequirementsResponse = z.infer<typeof decisionRequirementsSchema>;

export const decisionRequirementsSearchRequestSchema = z.object({
  filter: z
    .object({
      decisionRequirementsName: z.string().optional(),
      version: z.number().int().optional(),
      decisionRequirementsId: z.string().optional(),
      tenantId: z.string().optional(),
      decisionRequirementsKey: keySchema.optional(),
      resourceName: z.string().optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortBy([
    'decisionRequirementsKey',
    'decisionRequirementsName',
    'version',
    'decisionRequirementsId',
    'tenantId',
  ]).optional(),
});
export type DecisionRequirementsSearchRequest = z.infer<typeof decisionRequirementsSearchRequestSchema>;
export const decisionRequirementsSearchResponseSchema = searchResponseSchema(decisionRequirementsSchema);

const decisionTypeSchema = z.enum(['DECISION_TABLE', 'LITERAL_EXPRESSION', 'UNKNOWN']);
const decisionInstanceStateSchema = z.enum(['EVALUATED', 'FAILED']);

export const decisionInstanceSchema = z.object({
  /** `<decisionEvaluationKey>-<n>`: the n-th decision of one evaluation. */
  decisionEvaluationInstanceKey: z.string(),
  decisionEvaluationKey: keySchema,
  state: decisionInstanceStateSchema,
  evaluationDate: dateTimeSchema,
  evaluationFailure: z.string().nullable(),
  decisionDefinitionId: z.string(),
  decisionDefinitionKey: keySchema,
  decisionDefinitionName: z.string(),
  decisionDefinitionVersion: z.number().int(),
  decisionDefinitionType: decisionTypeSchema,
  /** The decision that was asked for: this one, or one that requires it. */
  rootDecisionDefinitionKey: keySchema,
  /** The decision's output as JSON. */
  result: z.string(),
  tenantId: z.string(),
  /** Set when a business rule task evaluated the decision, else null. */
  processDefinitionKey: keySchema.nullable(),
  processInstanceKey: keySchema.nullable(),
  elementInstanceKey: keySchema.nullable(),
});

export type DecisionInstanceResponse = z.infer<typeof decisionInstanceSchema>;

export const decisionInstanceDetailSchema = decisionInstanceSchema.extend({
  evaluatedInputs: z.array(evaluatedDecisionInputSchema),
  matchedRules: z.array(matchedDecisionRuleSchema),
});
export type DecisionInstanceDetailResponse = z.infer<typeof decisionInstanceDetailSchema>;

export const decisionInstanceSearchRequestSchema = z.object({
  filter: z
    .object({
      decisionEvaluationInstanceKey: z.string().optional(),
      decisionEvaluationKey: keySchema.optional(),
      state: decisionInstanceStateSchema.optional(),
      decisionDefinitionId: z.string().optional(),
      decisionDefinitionName: z.string().optional(),
      decisionDefinitionVersion: z.number().int().optional(),
      decisionDefinitionType: decisionTypeSchema.optional(),
      rootDecisionDefinitionKey: keySchema.optional(),
      tenantId: z.string().optional(),
      processDefinitionKey: keySchema.optional(),
      processInstanceKey: keySchema.optional(),
      decisionDefinitionKey: keyFilterSchema.optional(),
      elementInstanceKey: keyFilterSchema.optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortBy([
    'decisionEvaluationInstanceKey',
    'decisionEvaluationKey',
    'decisionDefinitionId',
    'decisionDefinitionKey',
    'decisionDefinitionName',
    'decisionDefinitionType',
    'decisionDefinitionVersion',
    'elementInstanceKey',
    'evaluationDate',
    'evaluationFailure',
    'processDefinitionKey',
    'processInstanceKey',
    'state',
    'tenantId',
  ]).optional(),
});
export type DecisionInstanceSearchRequest = z.infer<typeof decisionInstanceSearchRequestSchema>;
export const decisionInstanceSearchResponseSchema = searchResponseSchema(decisionInstanceSchema);
