// What a socket client asks for and what it is answered: subscribe / unsubscribe requests, their
// acknowledgements, and the resync a client gets after falling behind.
import { z } from 'zod';
import { errorCodes } from '../errors';
import { keySchema } from '../json';
import { instanceLiveStateSchema } from './instance-live-state';

/** One instance by key, or every instance of a process (any version) by its BPMN process id. */
export const subscribeRequestSchema = z
  .object({
    processInstanceKey: keySchema.optional(),
    processDefinitionId: z.string().min(1).optional(),
  })
  .refine(
    (request) => (request.processInstanceKey === undefined) !== (request.processDefinitionId === undefined),
    {
      message: 'give exactly one of processInstanceKey or processDefinitionId',
    },
  );
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

/** A refused request, in the serialisable failure shape of the other contracts. */
export const socketFailureSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  retriable: z.boolean(),
});
export type SocketFailure = z.infer<typeof socketFailureSchema>;

/**
 * The acknowledgement of `subscribe`. `snapshots` is the current state: for an instance, itself
 * (empty while the engine has not applied its creation yet: its first update follows); for a
 * process id, its active instances (at most the gateway's snapshot limit).
 */
export const subscribeAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), snapshots: z.array(instanceLiveStateSchema) }),
  z.object({ ok: z.literal(false), error: socketFailureSchema }),
]);
export type SubscribeAnswer = z.infer<typeof subscribeAnswerSchema>;

/** The acknowledgement of `unsubscribe`: `wasSubscribed` is false when there was nothing to stop. */
export const unsubscribeAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), wasSubscribed: z.boolean() }),
  z.object({ ok: z.literal(false), error: socketFailureSchema }),
]);
export type UnsubscribeAnswer = z.infer<typeof unsubscribeAnswerSchema>;

/**
 * Sent instead of the updates a slow client could not take: the gateway dropped them and sends the
 * current state of every instance they were about. `truncated`: more instances changed than a
 * resync carries; re-read the lists over REST.
 */
export const resyncSchema = z.object({
  reason: z.literal('CLIENT_TOO_SLOW'),
  snapshots: z.array(instanceLiveStateSchema),
  truncated: z.boolean(),
});
export type Resync = z.infer<typeof resyncSchema>;
