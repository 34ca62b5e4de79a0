// Starting instances over Kafka (FLOWX start): a request on `baton.engine.start.v1`, answered on
// `baton.engine.start.confirm.v1` with the new instance's keys or the error sentence a REST
// create would have answered (same FLOWX wording, same `missingParams`).
import { z } from 'zod';
import { errorCodes } from './errors';
import { keySchema } from './json';
import { requestVariablesSchema } from './variable-limits';
import { inheritFromSchema } from './rest/process-instances';

export const startRequestMessageSchema = z.object({
  /** Echoed in the confirmation, so that the requester can match it. */
  requestId: z.string().min(1),
  processDefinitionId: z.string().min(1),
  variables: requestVariablesSchema.optional(),
  startCondition: z.string().optional(),
  inheritFrom: inheritFromSchema.optional(),
  businessKey: z.string().optional(),
});
export type StartRequestMessage = z.infer<typeof startRequestMessageSchema>;

export const startConfirmMessageSchema = z.union([
  z.object({
    requestId: z.string(),
    processInstanceKey: keySchema,
    processDefinitionKey: keySchema,
    processDefinitionId: z.string(),
    processDefinitionVersion: z.number().int(),
  }),
  z.object({
    requestId: z.string(),
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      missingParams: z.array(z.string()).optional(),
    }),
  }),
]);
export type StartConfirmMessage = z.infer<typeof startConfirmMessageSchema>;
