// Message bodies: publication (buffered for timeToLive, de-duplicated by messageId) and
// correlation (to waiting instances only), in the Camunda 8 REST API v2 shapes.
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { tenantIdRequestSchema } from './common';

export const publishMessageRequestSchema = z.object({
  name: z.string().min(1),
  /** Matched against the subscriptions' correlation keys; absent is the empty key. */
  correlationKey: z.string().optional(),
  /** How long the message is buffered for subscriptions that open later, ms; 0 or absent: not buffered. */
  timeToLive: z.number().int().min(0).optional(),
  /** While a message with the same name, correlation key and id is buffered, another is refused (409). */
  messageId: z.string().min(1).optional(),
  variables: requestVariablesSchema.nullish(),
  tenantId: tenantIdRequestSchema,
});
export type PublishMessageRequestBody = z.infer<typeof publishMessageRequestSchema>;

export const publishMessageResponseSchema = z.object({ messageKey: keySchema, tenantId: z.string() });

export const correlateMessageRequestSchema = z.object({
  name: z.string().min(1),
  correlationKey: z.string().optional(),
  variables: requestVariablesSchema.nullish(),
  tenantId: tenantIdRequestSchema,
});
export type CorrelateMessageRequestBody = z.infer<typeof correlateMessageRequestSchema>;

export const correlateMessageResponseSchema = z.object({
  messageKey: keySchema,
  tenantId: z.string(),
  /** The (first) instance the message was correlated to. */
  processInstanceKey: keySchema,
});
