// The live state of one process instance, as the socket gateway pushes it (`instance.updated`,
// subscribe snapshots, resyncs) and as GET /v2/process-instances/{key}/live-state answers it:
// the instance event (../instance-event.ts) at a known revision, with the clients' token shape.
import { z } from 'zod';
import { instanceEventSchema, type InstanceSummary } from '../instance-event';
import { tokenSchema } from '../rest/process-instances';

// Without the event's history fields: what a command changed in variables is not pushed to sockets.
export const instanceLiveStateSchema = instanceEventSchema.omit({ eventIndex: true, change: true }).extend({
  /**
   * Revision of the stored instance this state was taken from; it only grows. Several updates may
   * share a revision (commands applied in one write), the last of them is the stored state.
   */
  revision: z.number().int().min(0),
  tokens: z.array(tokenSchema),
  /** Suspended (Camunda 7): variables still change, but no token moves until it is activated. */
  suspended: z.boolean(),
  /** When the engine applied the change (ISO-8601); absent in snapshots read from the store. */
  timestamp: z.string().optional(),
});
export type InstanceLiveState = z.infer<typeof instanceLiveStateSchema>;
export type LiveToken = InstanceLiveState['tokens'][number];

/**
 * The one mapping from an instance summary (an engine event, or a stored instance summarised by
 * engine-core's `instanceSummary`) to the live state clients get: tokens without the engine's
 * internal fields, `suspended` defaulted, `timestamp` only when the summary has one.
 */
export function toInstanceLiveState(summary: InstanceSummary, revision: number): InstanceLiveState {
  return {
    processInstanceKey: summary.processInstanceKey,
    processDefinitionKey: summary.processDefinitionKey,
    processDefinitionId: summary.processDefinitionId,
    revision,
    state: summary.state,
    activeElementIds: [...summary.activeElementIds],
    completedElementIds: [...summary.completedElementIds],
    tokens: summary.tokens.map((token) => ({
      tokenKey: token.tokenKey,
      parentTokenKey: token.parentTokenKey ?? null,
      elementId: token.elementId,
      state: token.state,
    })),
    hasIncident: summary.hasIncident,
    suspended: summary.suspended ?? false,
    ...(summary.timestamp !== undefined && { timestamp: summary.timestamp }),
  };
}
