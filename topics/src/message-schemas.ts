// Schemas of the messages on topics whose payload is not (yet) a contracts type of its own:
// instance events, replies, job notifications and dead letters. Deliberately loose on the body (extra
// fields pass) so that producers can add fields without breaking older consumers.
import { z } from 'zod';
import { instanceEventSchema, keySchema, replyTargetSchema, variablesSchema } from '@baton/contracts';

/**
 * A state change of an instance, for the UI and audit (`baton.instance.events.v1`): the fields of
 * contracts' `instanceEventSchema` the catalogue checks, extra fields passing.
 */
export const instanceEventMessageSchema = instanceEventSchema
  .pick({
    processInstanceKey: true,
    processDefinitionKey: true,
    processDefinitionId: true,
    state: true,
    hasIncident: true,
    suspended: true,
    timestamp: true,
  })
  .loose();

/** The answer to a waiting caller (`baton.engine.replies.v1`), keyed by the replica id. */
export const replyMessageSchema = z.object({
  target: replyTargetSchema,
  body: z.discriminatedUnion('status', [
    z.looseObject({
      status: z.literal('OK'),
      processInstanceKey: keySchema,
      variables: variablesSchema.optional(),
    }),
    z.object({
      status: z.literal('REJECTED'),
      code: z.enum(['NOT_FOUND', 'INVALID_STATE', 'INVALID_ARGUMENT']),
      message: z.string(),
    }),
  ]),
});
export type ReplyMessage = z.infer<typeof replyMessageSchema>;

/** Jobs of some types became activatable (`baton.engine.job-notifications.v1`): wakes REST long polls on every replica. */
export const jobNotificationMessageSchema = z.object({
  types: z.array(z.string().min(1)).min(1),
});
export type JobNotificationMessage = z.infer<typeof jobNotificationMessageSchema>;

/** A message that failed validation, with the reason (`baton.dlq.v1`), keyed by its original key. */
export const deadLetterMessageSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  key: z.string(),
  reason: z.string(),
  value: z.unknown(),
  headers: z.record(z.string(), z.string()),
});
export type DeadLetterMessage = z.infer<typeof deadLetterMessageSchema>;
