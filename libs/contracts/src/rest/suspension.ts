// Camunda 7 suspension: suspend / activate process definitions, process
// instances, job definitions and jobs; search job definitions and jobs (timers included).
import { z } from 'zod';
import { keySchema } from '../json';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema } from './common';

/** PUT /v2/process-definitions/{key}/suspension */
export const processDefinitionSuspensionRequestSchema = z.object({
  suspended: z.boolean(),
  /** Suspend / activate the definition's ACTIVE instances too. @default false */
  includeProcessInstances: z.boolean().optional(),
});
export const processDefinitionSuspensionResponseSchema = z.object({
  processDefinitionKey: keySchema,
  suspended: z.boolean(),
  /** How many instances were suspended / activated by the cascade. */
  processInstancesChanged: z.number().int().min(0),
});

/** PUT /v2/process-instances/{key}/suspension */
export const processInstanceSuspensionRequestSchema = z.object({ suspended: z.boolean() });

/** PUT /v2/job-definitions/{key}/suspension */
export const jobDefinitionSuspensionRequestSchema = z.object({
  suspended: z.boolean(),
  /** Suspend / activate the definition's existing jobs too (new jobs follow the definition anyway). @default false */
  includeJobs: z.boolean().optional(),
});
export const jobDefinitionSuspensionResponseSchema = z.object({
  jobDefinitionKey: keySchema,
  suspended: z.boolean(),
  jobsChanged: z.number().int().min(0),
});

/** PUT /v2/jobs/{key}/suspension */
export const jobSuspensionRequestSchema = z.object({ suspended: z.boolean() });

export const jobDefinitionSchema = z.object({
  jobDefinitionKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  elementId: z.string(),
  /** The job type (FEEL text, `=…`, when computed per job), `timer`, or `baton:async-continuation`. */
  type: z.string(),
  /** Camunda 7's job configuration: what the definition's jobs do. */
  jobConfiguration: z.enum(['job', 'timer', 'async-before', 'async-after']),
  suspended: z.boolean(),
  tenantId: z.string(),
});

export const jobDefinitionSearchRequestSchema = z.object({
  filter: z
    .object({
      processDefinitionKey: keySchema.optional(),
      elementId: z.string().optional(),
      type: z.string().optional(),
      suspended: z.boolean().optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
});
export const jobDefinitionSearchResponseSchema = searchResponseSchema(jobDefinitionSchema);

/** ACTIVATABLE: waits for a worker; ACTIVATED: locked by one; SCHEDULED: a timer waiting for its due date. */
export const jobSearchStateSchema = z.enum(['ACTIVATABLE', 'ACTIVATED', 'SCHEDULED']);

export const jobSearchRequestSchema = z.object({
  filter: z
    .object({
      type: z.string().optional(),
      state: jobSearchStateSchema.optional(),
      suspended: z.boolean().optional(),
      processInstanceKey: keySchema.optional(),
      processDefinitionKey: keySchema.optional(),
      elementId: z.string().optional(),
      /** Timers due in this range (inclusive bounds). */
      dueDate: z.object({ from: dateTimeSchema.optional(), to: dateTimeSchema.optional() }).optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
});

export const jobSearchItemSchema = z.object({
  jobKey: keySchema,
  /** The job type; `timer` for a timer; `baton:async-continuation` for an asynchronous continuation. */
  type: z.string(),
  state: jobSearchStateSchema,
  suspended: z.boolean(),
  /** Absent for the timer of a timer start event. */
  processInstanceKey: keySchema.optional(),
  processDefinitionKey: keySchema,
  elementId: z.string(),
  elementInstanceKey: keySchema.optional(),
  retries: z.number().int().optional(),
  /** Timers: when it falls due. */
  dueDate: dateTimeSchema.optional(),
  worker: z.string().optional(),
});
export const jobSearchResponseSchema = searchResponseSchema(jobSearchItemSchema);
