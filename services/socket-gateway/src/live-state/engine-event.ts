// Reads an engine event of `baton.instance.events.v1` as the live state the socket pushes. The
// engine's tokens carry internal fields (scopes, flows) that clients do not get.
import { z } from 'zod';
import {
  keySchema,
  processInstanceStateSchema,
  tokenStateSchema,
  type InstanceLiveState,
} from '@baton/contracts';

const engineInstanceEventSchema = z.object({
  processInstanceKey: keySchema,
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  revision: z.number().int().min(0).optional(),
  state: processInstanceStateSchema,
  activeElementIds: z.array(z.string()),
  completedElementIds: z.array(z.string()),
  tokens: z.array(
    z.object({
      tokenKey: keySchema,
      parentTokenKey: keySchema.nullish(),
      elementId: z.string(),
      state: tokenStateSchema,
    }),
  ),
  hasIncident: z.boolean(),
  /** Absent in events of engines from before suspension was reported: not suspended. */
  suspended: z.boolean().optional(),
  timestamp: z.string(),
});

/** An engine event: the live state, or (from an engine that does not stamp revisions) only whose it is. */
export type ReadEngineEvent =
  | { readonly kind: 'state'; readonly state: InstanceLiveState }
  | {
      readonly kind: 'without-revision';
      readonly processInstanceKey: string;
      readonly processDefinitionId: string;
    };

/** Undefined when the value is not an instance event at all (reported by the caller). */
export function readEngineEvent(value: unknown): ReadEngineEvent | undefined {
  const parsed = engineInstanceEventSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (event.revision === undefined) {
    return {
      kind: 'without-revision',
      processInstanceKey: event.processInstanceKey,
      processDefinitionId: event.processDefinitionId,
    };
  }
  return {
    kind: 'state',
    state: {
      processInstanceKey: event.processInstanceKey,
      processDefinitionKey: event.processDefinitionKey,
      processDefinitionId: event.processDefinitionId,
      revision: event.revision,
      state: event.state,
      activeElementIds: event.activeElementIds,
      completedElementIds: event.completedElementIds,
      tokens: event.tokens.map((token) => ({
        tokenKey: token.tokenKey,
        parentTokenKey: token.parentTokenKey ?? null,
        elementId: token.elementId,
        state: token.state,
      })),
      hasIncident: event.hasIncident,
      suspended: event.suspended ?? false,
      timestamp: event.timestamp,
    },
  };
}
