// What travels on the job topics, for workers in any language (DESIGN §4): a job published on
// `baton.jobs.<type>.v1`, and a worker's answer on `baton.jobs.results.v1`. A worker echoes the
// headers it received (`messageId` of the job becomes `jobMessageId`, plus `traceparent`).
import { z } from 'zod';
import { keySchema, variablesSchema } from './json';
import { requestVariablesSchema } from './variable-limits';

/** A job handed to the Kafka workers of its type; they own it until `deadline`. */
export const jobMessageSchema = z.looseObject({
  jobKey: keySchema,
  type: z.string().min(1),
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  elementId: z.string(),
  elementInstanceKey: keySchema,
  customHeaders: z.record(z.string(), z.string()),
  retries: z.number().int(),
  /** Epoch ms after which an unanswered job is handed out again. */
  deadline: z.number().int(),
  variables: variablesSchema,
  tenantId: z.string(),
});
export type JobMessage = z.infer<typeof jobMessageSchema>;

const resultBase = {
  jobKey: keySchema,
  processInstanceKey: keySchema,
  variables: requestVariablesSchema.optional(),
};

/** A worker's answer to a job: complete it, fail it (retries left), or throw a BPMN error. */
export const jobResultMessageSchema = z.discriminatedUnion('result', [
  z.object({ ...resultBase, result: z.literal('COMPLETE') }),
  z.object({
    ...resultBase,
    result: z.literal('FAIL'),
    retries: z.number().int().min(0),
    errorMessage: z.string().optional(),
    /** Milliseconds before the job may be handed out again. */
    retryBackOff: z.number().int().min(0).optional(),
  }),
  z.object({
    ...resultBase,
    result: z.literal('ERROR'),
    errorCode: z.string().min(1),
    errorMessage: z.string().optional(),
  }),
]);
export type JobResultMessage = z.infer<typeof jobResultMessageSchema>;
