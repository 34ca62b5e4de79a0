// What a socket client asks for and what it is answered: subscribe / unsubscribe requests, their
// acknowledgements, and the resync a client gets after falling behind.
import { z } from 'zod';
import { errorCodes } from '../errors';
import { keySchema } from '../json';
import { instanceLiveStateSchema } from './instance-live-state';

/**
 * Where a client that was offline picks an instance up again: the revision of the last state it
 * has, and — when that state came from `instance.updated` events — how many updates of that
 * revision it received (several updates may share a revision: the commands of one engine write).
 * Without `updatesAtRevision` the client has the revision's final state (a snapshot or a resync).
 */
export const resumeCursorSchema = z.object({
  revision: z.number().int().min(0),
  updatesAtRevision: z.number().int().min(1).optional(),
});
export type ResumeCursor = z.infer<typeof resumeCursorSchema>;

/**
 * One instance by key, or every instance of a process (any version) by its BPMN process id. With
 * `resumeFrom` (instances only) the gateway pushes just the updates after the cursor, or answers a
 * fresh snapshot when it no longer holds them.
 */
export const subscribeRequestSchema = z
  .object({
    processInstanceKey: keySchema.optional(),
    processDefinitionId: z.string().min(1).optional(),
    resumeFrom: resumeCursorSchema.optional(),
  })
  .refine(
    (request) => (request.processInstanceKey === undefined) !== (request.processDefinitionId === undefined),
    {
      message: 'give exactly one of processInstanceKey or processDefinitionId',
    },
  )
  .refine((request) => request.resumeFrom === undefined || request.processInstanceKey !== undefined, {
    message:
      'resumeFrom applies to a subscription by processInstanceKey; a subscription by process id answers its active instances',
    path: ['resumeFrom'],
  });
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
  z.object({
    ok: z.literal(true),
    snapshots: z.array(instanceLiveStateSchema),
    /**
     * Only for a request with `resumeFrom`. `true`: `snapshots` is empty and the updates after the
     * cursor follow as `instance.updated`, in order (none when nothing changed). `false`: the
     * gateway no longer holds them; `snapshots` carries the current state instead.
     */
    resumed: z.boolean().optional(),
  }),
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
