// Schemas of the messages on the engine's own topics: instance events and replies (declared in
// contracts, checked here), job notifications and dead letters. Deliberately loose on the body
// (extra fields pass) so that producers can add fields without breaking older consumers.
import { z } from 'zod';
import { instanceEventSchema } from '@baton/contracts';

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

/** The answer to a waiting caller (`baton.engine.replies.v1`), keyed by the replica id: declared in contracts. */
export { replyMessageSchema, type ReplyMessage } from '@baton/contracts';

/** Jobs of some types became activatable (`baton.engine.job-notifications.v1`): wakes REST long polls on every replica. */
export const jobNotificationMessageSchema = z.object({
  types: z.array(z.string().min(1)).min(1),
});
export type JobNotificationMessage = z.infer<typeof jobNotificationMessageSchema>;

/**
 * Definitions changed through one replica (`baton.engine.definition-changes.v1`): the others drop
 * what they hold in memory about them — the latest version of these process ids, or the
 * suspensions — so that creates keep being answered from memory without going stale.
 */
export const definitionChangeMessageSchema = z.object({
  /** CLOCK_CHANGED: the engine clock was pinned or reset (PUT /v2/clock, ENGINE_CLOCK_CONTROL). */
  change: z.enum(['DEPLOYED', 'SUSPENSION_CHANGED', 'CLOCK_CHANGED', 'DELETED']),
  /** The process ids deployed again or of the definitions deleted (empty for other changes). */
  processDefinitionIds: z.array(z.string().min(1)),
  /** DELETED: the keys of the process definitions deleted. */
  processDefinitionKeys: z.array(z.string().min(1)).optional(),
  /** CLOCK_CHANGED: the pinned time, epoch ms; null when the clock was reset. */
  pinnedAt: z.number().int().nullable().optional(),
  /** The replica the change went through: it knows already. */
  replicaId: z.string().min(1),
});
export type DefinitionChangeMessage = z.infer<typeof definitionChangeMessageSchema>;

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
