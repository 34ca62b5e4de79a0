// The live state of one process instance, as the socket gateway pushes it (`instance.updated`,
// subscribe snapshots, resyncs) and as GET /v2/process-instances/{key}/live-state answers it.
import { z } from 'zod';
import { keySchema } from '../json';
import { processInstanceStateSchema, tokenSchema } from '../rest/process-instances';

export const instanceLiveStateSchema = z.object({
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  /**
   * Revision of the stored instance this state was taken from; it only grows. Several updates may
   * share a revision (commands applied in one write), the last of them is the stored state.
   */
  revision: z.number().int().min(0),
  state: processInstanceStateSchema,
  /** Elements with an active element instance (the process itself excluded). */
  activeElementIds: z.array(z.string()),
  /** Elements completed at least once, in completion order. */
  completedElementIds: z.array(z.string()),
  /** Every token, FLOWX style: a parallel split puts the parent ON_HOLD and runs a child per branch. */
  tokens: z.array(tokenSchema),
  hasIncident: z.boolean(),
  /** Suspended (Camunda 7): variables still change, but no token moves until it is activated. */
  suspended: z.boolean(),
  /** When the engine applied the change (ISO-8601); absent in snapshots read from the store. */
  timestamp: z.string().optional(),
});
export type InstanceLiveState = z.infer<typeof instanceLiveStateSchema>;
export type LiveToken = InstanceLiveState['tokens'][number];
