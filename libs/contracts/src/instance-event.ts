// The instance summary, declared once: the event the engine puts on `baton.instance.events.v1`
// (engine-core's INSTANCE_EVENT effect), read by the socket gateway and checked by the topic
// catalogue. The live state the socket pushes (socket/instance-live-state.ts) is derived from it.
import { z } from 'zod';
import { instanceChangeSchema } from './instance-history';
import { keySchema } from './json';
import { processInstanceStateSchema, tokenStateSchema } from './rest/process-instances';

/**
 * A state change of an instance, for the UI and audit. The engine's tokens carry internal fields
 * (scopes, flows) besides these; a parse drops them.
 */
export const instanceEventSchema = z.object({
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  /** Revision of the stored instance the event was taken from; absent from engines that do not stamp it. */
  revision: z.number().int().min(0).optional(),
  /**
   * The n-th event (from 0) stamped with this revision: a batch applying several commands to one
   * instance gives all their events the revision of its one write. Absent where revision is.
   */
  eventIndex: z.number().int().min(0).optional(),
  state: processInstanceStateSchema,
  /** Elements with an active element instance (the process itself excluded). */
  activeElementIds: z.array(z.string()),
  /** Elements completed at least once, in completion order. */
  completedElementIds: z.array(z.string()),
  /** Every token, FLOWX style: a parallel split puts the parent ON_HOLD and runs a child per branch. */
  tokens: z.array(
    z.object({
      tokenKey: keySchema,
      parentTokenKey: keySchema.nullish(),
      elementId: z.string(),
      state: tokenStateSchema,
    }),
  ),
  hasIncident: z.boolean(),
  /** Camunda 7 suspension; absent in events of engines from before suspension was reported: not suspended. */
  suspended: z.boolean().optional(),
  /** When the engine applied the change (ISO-8601). */
  timestamp: z.string(),
  /** The command applied and the variables it changed (instance history); absent from older engines. */
  change: instanceChangeSchema.optional(),
});
export type InstanceEvent = z.infer<typeof instanceEventSchema>;

/** An instance event without its stamps (revision, timestamp): what a stored instance summarises to. */
export type InstanceSummary = Omit<InstanceEvent, 'revision' | 'eventIndex' | 'timestamp' | 'change'> & {
  readonly timestamp?: string;
};
