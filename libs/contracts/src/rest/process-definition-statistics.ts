// POST /v2/process-definitions/{processDefinitionKey}/statistics/element-instances (Camunda 8.8):
// per element of a definition, how many element instances are active, in an incident, canceled,
// and — for end events — completed, over the instances a filter selects.
import { z } from 'zod';
import { keySchema } from '../json';
import { tenantIdRequestSchema } from './common';
import {
  dateTimeFilterSchema,
  processInstanceStateSchema,
  variableValueFilterSchema,
} from './process-instances';

/**
 * Camunda 8.8 filter fields Baton does not evaluate yet: refused with a 400 naming them rather
 * than ignored, since ignoring a filter would answer counts of the wrong instances.
 */
export const unsupportedStatisticsFilterFields = [
  '$or',
  'parentElementInstanceKey',
  'batchOperationId',
  'errorMessage',
  'hasRetriesLeft',
  'elementInstanceState',
  'elementId',
  'hasElementInstanceIncident',
  'incidentErrorHashCode',
] as const;

/** Which of the definition's instances are counted (Camunda's ProcessDefinitionStatisticsFilter, in part). */
export const processDefinitionStatisticsFilterSchema = z
  .looseObject({
    processInstanceKey: keySchema.optional(),
    parentProcessInstanceKey: keySchema.optional(),
    state: processInstanceStateSchema.optional(),
    hasIncident: z.boolean().optional(),
    startDate: dateTimeFilterSchema.optional(),
    endDate: dateTimeFilterSchema.optional(),
    /** Every condition holds, on the root scope's variables. */
    variables: z.array(z.object({ name: z.string(), value: variableValueFilterSchema })).optional(),
    tenantId: tenantIdRequestSchema,
  })
  .superRefine((filter, context) => {
    for (const field of unsupportedStatisticsFilterFields) {
      if (filter[field] !== undefined)
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `is not supported by Baton yet (supported: processInstanceKey, parentProcessInstanceKey, state, hasIncident, startDate, endDate, variables, tenantId)`,
        });
    }
  });

export const processDefinitionStatisticsRequestSchema = z.object({
  filter: processDefinitionStatisticsFilterSchema.optional(),
});
export type ProcessDefinitionStatisticsRequest = z.infer<typeof processDefinitionStatisticsRequestSchema>;

/** One element's counts, as Camunda's ProcessElementStatisticsResult. */
export const processElementStatisticsSchema = z.object({
  elementId: z.string(),
  /** Active element instances without an incident. */
  active: z.number().int().min(0),
  /** Element instances terminated (instance canceled, activity interrupted, scope ended). */
  canceled: z.number().int().min(0),
  /** Active element instances with an open incident. */
  incidents: z.number().int().min(0),
  /** Completed element instances — counted for end events only, as Camunda does. */
  completed: z.number().int().min(0),
});
export type ProcessElementStatistics = z.infer<typeof processElementStatisticsSchema>;

export const processDefinitionStatisticsResponseSchema = z.object({
  items: z.array(processElementStatisticsSchema),
});
export type ProcessDefinitionStatisticsResponse = z.infer<typeof processDefinitionStatisticsResponseSchema>;
