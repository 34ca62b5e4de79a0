// The answer to a caller waiting on a command (`baton.engine.replies.v1`), declared once: engine-core's
// REPLY effect carries the body, the topic catalogue checks the message. Loose on the OK body (extra
// fields pass) so that the engine can add fields without breaking older consumers.
import { z } from 'zod';
import { replyTargetSchema } from './commands';
import { keySchema, variablesSchema } from './json';

export const replyBodySchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('OK'),
    processInstanceKey: keySchema,
    processDefinitionKey: z.string().optional(),
    processDefinitionId: z.string().optional(),
    processDefinitionVersion: z.number().optional(),
    /** Present for a create-with-result reply: the fetched variables. */
    variables: variablesSchema.optional(),
  }),
  z.object({
    status: z.literal('REJECTED'),
    code: z.enum(['NOT_FOUND', 'INVALID_STATE', 'INVALID_ARGUMENT']),
    message: z.string(),
  }),
]);
export type ReplyBody = z.infer<typeof replyBodySchema>;

/** A reply on the replies topic, keyed by the replica id. */
export const replyMessageSchema = z.object({
  target: replyTargetSchema,
  body: replyBodySchema,
});
export type ReplyMessage = z.infer<typeof replyMessageSchema>;
