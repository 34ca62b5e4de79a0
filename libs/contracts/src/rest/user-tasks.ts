// User task bodies: search, completion and assignment, in the Camunda 8.8 user task shapes.
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema } from './common';

export const userTaskStateSchema = z.enum(['CREATED', 'COMPLETED', 'CANCELED']);

export const userTaskSchema = z.object({
  userTaskKey: keySchema,
  name: z.string().optional(),
  state: userTaskStateSchema,
  assignee: z.string().optional(),
  elementId: z.string(),
  elementInstanceKey: keySchema,
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  processDefinitionId: z.string(),
  processDefinitionKey: keySchema,
  processDefinitionVersion: z.number().int(),
  processInstanceKey: keySchema,
  formKey: z.string().optional(),
  creationDate: dateTimeSchema,
  completionDate: dateTimeSchema.optional(),
  dueDate: dateTimeSchema.optional(),
  followUpDate: dateTimeSchema.optional(),
  priority: z.number().int(),
  customHeaders: z.record(z.string(), z.string()),
  tenantId: z.string(),
});
export type UserTaskResponse = z.infer<typeof userTaskSchema>;

export const userTaskSearchRequestSchema = z.object({
  filter: z
    .object({
      processInstanceKey: keySchema.optional(),
      state: userTaskStateSchema.optional(),
      assignee: z.string().optional(),
      elementId: z.string().optional(),
      userTaskKey: keySchema.optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
});
export type UserTaskSearchRequest = z.infer<typeof userTaskSearchRequestSchema>;

export const userTaskSearchResponseSchema = searchResponseSchema(userTaskSchema);
export type UserTaskSearchResponse = z.infer<typeof userTaskSearchResponseSchema>;

export const completeUserTaskRequestSchema = z.object({
  variables: requestVariablesSchema.nullish(),
  action: z.string().optional(),
});

export const assignUserTaskRequestSchema = z.object({
  assignee: z.string().min(1),
  /** Whether an already assigned task may be re-assigned; Camunda's default is true. */
  allowOverride: z.boolean().optional(),
  action: z.string().optional(),
});
