// Signal broadcast bodies, in the Camunda 8.8 REST API v2 shapes (`POST /v2/signals/broadcast`).
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { tenantIdRequestSchema } from './common';

export const broadcastSignalRequestSchema = z.object({
  /** Every signal catch and signal start event of this name is triggered. */
  signalName: z.string().min(1),
  variables: requestVariablesSchema.nullish(),
  tenantId: tenantIdRequestSchema,
});
export type BroadcastSignalRequestBody = z.infer<typeof broadcastSignalRequestSchema>;

export const broadcastSignalResponseSchema = z.object({ signalKey: keySchema, tenantId: z.string() });
