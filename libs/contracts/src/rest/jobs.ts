// Job worker bodies: activation (long poll), completion, failure and BPMN error,
// with the exact Camunda 8.8 activated-job fields so Camunda job workers run unchanged.
import { z } from 'zod';
import { keySchema, variablesSchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { int64Field, requestTimeoutSchema } from './common';

export const activateJobsRequestSchema = z.object({
  type: z.string().min(1),
  worker: z.string().optional(),
  /** How long the jobs stay locked to this worker, ms. */
  timeout: int64Field(z.number().int().min(1)),
  maxJobsToActivate: z.number().int().min(1),
  fetchVariable: z.array(z.string()).optional(),
  /** Long-poll duration, ms: negative answers at once, 0 or absent uses the server default. */
  requestTimeout: int64Field(requestTimeoutSchema).optional(),
  tenantIds: z.array(z.string()).optional(),
});
export type ActivateJobsRequestBody = z.infer<typeof activateJobsRequestSchema>;

export const activatedJobSchema = z.object({
  jobKey: keySchema,
  type: z.string(),
  processInstanceKey: keySchema,
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  processDefinitionKey: keySchema,
  elementId: z.string(),
  elementInstanceKey: keySchema,
  customHeaders: z.record(z.string(), z.unknown()),
  worker: z.string(),
  retries: z.number().int(),
  /** Epoch ms when the lock ends. */
  deadline: z.number().int(),
  variables: variablesSchema,
  tenantId: z.string(),
  kind: z.literal('BPMN_ELEMENT'),
  listenerEventType: z.literal('UNSPECIFIED'),
});
export type ActivatedJobResponse = z.infer<typeof activatedJobSchema>;

export const activateJobsResponseSchema = z.object({ jobs: z.array(activatedJobSchema) });
export type ActivateJobsResponse = z.infer<typeof activateJobsResponseSchema>;

export const completeJobRequestSchema = z.object({ variables: requestVariablesSchema.nullish() });

export const failJobRequestSchema = z.object({
  /** Retries left; 0 raises an incident. */
  retries: z.number().int().min(0).optional(),
  errorMessage: z.string().optional(),
  /** Milliseconds before the job may be activated again. */
  retryBackOff: int64Field(z.number().int().min(0)).optional(),
  variables: requestVariablesSchema.nullish(),
});

/** PATCH /v2/jobs/{jobKey}: what to change (Camunda 8: `changeset`). */
export const updateJobRequestSchema = z.object({
  changeset: z
    .object({
      /** The job's new retries (an incident of the job is then resolved with POST /v2/incidents/{key}/resolution). */
      retries: z.number().int().min(0).nullish(),
      /** A new timeout for an activated job, ms from now: its worker keeps it that long. */
      timeout: int64Field(z.number().int().min(1)).nullish(),
    })
    .refine((changeset) => changeset.retries != null || changeset.timeout != null, {
      message: 'name at least one of retries, timeout',
    }),
  operationReference: z.number().int().min(1).optional(),
});

export const throwJobErrorRequestSchema = z.object({
  errorCode: z.string().min(1),
  errorMessage: z.string().optional(),
  variables: requestVariablesSchema.nullish(),
});
