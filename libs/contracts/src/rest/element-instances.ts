// Element instances as resources (Camunda 8.8 `POST /v2/element-instances/search`, `GET
// /v2/element-instances/{key}`): one activation of a flow node, or the process instance itself.
import { z } from 'zod';
import { keySchema } from '../json';
import {
  dateTimeSchema,
  pageRequestSchema,
  searchResponseSchema,
  sortRequestSchema,
  tenantIdRequestSchema,
} from './common';

/** Camunda 8.8's element types (the SDK's `ElementInstanceDetails.type`). */
export const elementInstanceTypeSchema = z.enum([
  'UNSPECIFIED',
  'PROCESS',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS',
  'START_EVENT',
  'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT',
  'BOUNDARY_EVENT',
  'END_EVENT',
  'SERVICE_TASK',
  'RECEIVE_TASK',
  'USER_TASK',
  'MANUAL_TASK',
  'TASK',
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'UNKNOWN',
]);
export type ElementInstanceType = z.infer<typeof elementInstanceTypeSchema>;

export const elementInstanceStateSchema = z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']);

export const elementInstanceSchema = z.object({
  elementInstanceKey: keySchema,
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  elementId: z.string(),
  /** The element's name, or its id when it has none (as Camunda answers). */
  elementName: z.string(),
  type: elementInstanceTypeSchema,
  state: elementInstanceStateSchema,
  hasIncident: z.boolean(),
  /** The ACTIVE incident of the element instance, when it has one. */
  incidentKey: keySchema.optional(),
  startDate: dateTimeSchema,
  endDate: dateTimeSchema.optional(),
  tenantId: z.string(),
});
export type ElementInstanceResponse = z.infer<typeof elementInstanceSchema>;

export const elementInstanceSearchRequestSchema = z.object({
  filter: z
    .object({
      elementInstanceKey: keySchema.optional(),
      /**
       * Immediate children of this process instance or element instance (Camunda 8.8). An ended
       * task inside a subprocess is not found by it: the subprocess instance it ran in is not kept.
       */
      elementInstanceScopeKey: keySchema.optional(),
      processInstanceKey: keySchema.optional(),
      processDefinitionKey: keySchema.optional(),
      processDefinitionId: z.string().optional(),
      elementId: z.string().optional(),
      elementName: z.string().optional(),
      type: elementInstanceTypeSchema.optional(),
      state: elementInstanceStateSchema.optional(),
      hasIncident: z.boolean().optional(),
      incidentKey: keySchema.optional(),
      tenantId: tenantIdRequestSchema,
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortRequestSchema.optional(),
});
export type ElementInstanceSearchRequest = z.infer<typeof elementInstanceSearchRequestSchema>;

export const elementInstanceSearchResponseSchema = searchResponseSchema(elementInstanceSchema);
